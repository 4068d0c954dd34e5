package com.baseten.sdk.services;

import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous form of {@link DevelopmentDeploymentService}: the same requests, validation,
 * errors, retries and deadline, but no thread waits.
 *
 * <pre>{@code
 * client.async().deployments().development()
 *     .updateAutoscaling("abc123", patch)
 *     .thenAccept(result -> log.info("{}: {}", result.status(), result.message()));
 * }</pre>
 *
 * <p>Invalid arguments, and a call on a closed client, throw at once, before any I/O. Every other
 * failure completes the future exceptionally with the exception the synchronous call would throw;
 * the future always completes. Waits between attempts are scheduled, never slept, and the deadline
 * counts time queued in OkHttp's dispatcher. Cancelling the future cancels the request in flight
 * and any pending retry. The future completes on an OkHttp thread, or on the client's {@code
 * callbackExecutor} when one is set; never on the common pool.
 */
public interface DevelopmentDeploymentServiceAsync {
  /**
   * Changes the autoscaling settings of a model's development deployment.
   *
   * @param modelId the model's id; sent as one path segment
   * @param patch the fields to change
   * @return a future of the server's answer
   * @throws NullPointerException if {@code modelId} or {@code patch} is null
   * @throws IllegalArgumentException if {@code modelId} is blank, {@code "."} or {@code ".."}
   */
  default CompletableFuture<AutoscalingUpdate> updateAutoscaling(
      String modelId, AutoscalingPatch patch) {
    return updateAutoscaling(modelId, patch, RequestOptions.none());
  }

  /**
   * As {@link #updateAutoscaling(String, AutoscalingPatch)}, with settings for this call.
   *
   * @param modelId the model's id; sent as one path segment
   * @param patch the fields to change
   * @param options this call's timeout, retries, deadline or extra headers
   * @return a future of the server's answer
   */
  CompletableFuture<AutoscalingUpdate> updateAutoscaling(
      String modelId, AutoscalingPatch patch, RequestOptions options);
}
