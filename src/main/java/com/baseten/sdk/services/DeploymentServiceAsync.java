package com.baseten.sdk.services;

/** The asynchronous form of {@link DeploymentService}. */
public interface DeploymentServiceAsync {
  /**
   * The development deployment of a model.
   *
   * @return the service, never null
   */
  DevelopmentDeploymentServiceAsync development();
}
