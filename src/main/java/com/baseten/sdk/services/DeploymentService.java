package com.baseten.sdk.services;

/**
 * A model's deployments: {@code /v1/models/{model_id}/deployments}.
 *
 * <pre>{@code
 * client.deployments().development().updateAutoscaling("abc123", patch);
 * }</pre>
 */
public interface DeploymentService {
  /**
   * The development deployment of a model: {@code /v1/models/{model_id}/deployments/development}.
   *
   * @return the service, never null
   */
  DevelopmentDeploymentService development();
}
