package com.baseten.sdk.internal;

import com.baseten.sdk.models.AutoscalingPatch;
import java.util.Arrays;
import java.util.Objects;

/** The autoscaling update requests, checked before anything is sent. */
final class AutoscalingCalls {
  private AutoscalingCalls() {}

  /** {@code PATCH /v1/models/{modelId}/deployments/{deployment}/autoscaling_settings}. */
  static ApiRequest update(String modelId, String deployment, AutoscalingPatch patch) {
    String id = ApiRequest.pathParam("modelId", modelId);
    Objects.requireNonNull(patch, "patch == null");
    return ApiRequest.patch(
        Arrays.asList("models", id, "deployments", deployment, "autoscaling_settings"),
        Json.write(patch));
  }
}
