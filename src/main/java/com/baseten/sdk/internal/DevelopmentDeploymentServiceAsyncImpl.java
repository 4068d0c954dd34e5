package com.baseten.sdk.internal;

import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.services.DevelopmentDeploymentServiceAsync;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

final class DevelopmentDeploymentServiceAsyncImpl implements DevelopmentDeploymentServiceAsync {
  private final HttpTransport transport;
  private final @Nullable Executor callbackExecutor;

  DevelopmentDeploymentServiceAsyncImpl(
      HttpTransport transport, @Nullable Executor callbackExecutor) {
    this.transport = transport;
    this.callbackExecutor = callbackExecutor;
  }

  @Override
  public CompletableFuture<AutoscalingUpdate> updateAutoscaling(
      String modelId, AutoscalingPatch patch, RequestOptions options) {
    // Thrown here, synchronously, before any I/O: bad arguments are the caller's bug.
    ApiRequest request = AutoscalingCalls.update(modelId, "development", patch);
    return transport.executeAsync(
        request,
        Json::readAutoscalingUpdate,
        Objects.requireNonNull(options, "options == null"),
        callbackExecutor);
  }
}
