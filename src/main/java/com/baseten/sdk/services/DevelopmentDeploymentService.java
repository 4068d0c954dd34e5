package com.baseten.sdk.services;

import com.baseten.sdk.RawResponse;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;

/** Calls on a model's development deployment. */
public interface DevelopmentDeploymentService {
  /**
   * Changes the autoscaling settings of a model's development deployment. Only the fields set in
   * {@code patch} are sent and changed.
   *
   * <p>Sends {@code PATCH /v1/models/{modelId}/deployments/development/autoscaling_settings},
   * retrying failures that may pass as the client's settings allow. The change applies
   * asynchronously: the result says whether the server accepted, queued or ignored it. Baseten
   * documents development deployments as fixed at 0..1 replicas; the server decides how it treats
   * other replica bounds.
   *
   * <pre>{@code
   * AutoscalingUpdate result = client.deployments().development()
   *     .updateAutoscaling("abc123", AutoscalingPatch.builder().minReplica(0).maxReplica(1).build());
   * }</pre>
   *
   * @param modelId the model's id, such as {@code "abc123"}; sent as one path segment
   * @param patch the fields to change
   * @return the server's answer
   * @throws NullPointerException if {@code modelId} or {@code patch} is null
   * @throws IllegalArgumentException if {@code modelId} is blank, {@code "."} or {@code ".."}
   * @throws com.baseten.sdk.errors.BasetenServiceException if the server answers with a non-2xx
   *     status; the subclass names the status
   * @throws com.baseten.sdk.errors.BasetenIoException if the network fails or the call times out
   * @throws com.baseten.sdk.errors.BasetenInvalidResponseException if a 2xx answer is not the
   *     documented JSON
   */
  default AutoscalingUpdate updateAutoscaling(String modelId, AutoscalingPatch patch) {
    return updateAutoscaling(modelId, patch, RequestOptions.none());
  }

  /**
   * As {@link #updateAutoscaling(String, AutoscalingPatch)}, with settings for this call that
   * override the client's.
   *
   * @param modelId the model's id; sent as one path segment
   * @param patch the fields to change
   * @param options this call's timeout, retries, deadline or extra headers
   * @return the server's answer
   */
  AutoscalingUpdate updateAutoscaling(
      String modelId, AutoscalingPatch patch, RequestOptions options);

  /**
   * The same calls, answering with the status and headers as well as the value.
   *
   * @return a view of this service that returns {@link RawResponse}s
   */
  WithRawResponse withRawResponse();

  /** The calls of {@link DevelopmentDeploymentService}, answering with {@link RawResponse}s. */
  interface WithRawResponse {
    /**
     * As {@link DevelopmentDeploymentService#updateAutoscaling(String, AutoscalingPatch)}.
     *
     * @param modelId the model's id; sent as one path segment
     * @param patch the fields to change
     * @return the status, headers and, through {@code parse()}, the server's answer
     */
    default RawResponse<AutoscalingUpdate> updateAutoscaling(
        String modelId, AutoscalingPatch patch) {
      return updateAutoscaling(modelId, patch, RequestOptions.none());
    }

    /**
     * As {@link DevelopmentDeploymentService#updateAutoscaling(String, AutoscalingPatch,
     * RequestOptions)}.
     *
     * @param modelId the model's id; sent as one path segment
     * @param patch the fields to change
     * @param options this call's settings
     * @return the status, headers and, through {@code parse()}, the server's answer
     */
    RawResponse<AutoscalingUpdate> updateAutoscaling(
        String modelId, AutoscalingPatch patch, RequestOptions options);
  }
}
