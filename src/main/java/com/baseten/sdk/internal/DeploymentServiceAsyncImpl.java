package com.baseten.sdk.internal;

import com.baseten.sdk.services.DeploymentServiceAsync;
import com.baseten.sdk.services.DevelopmentDeploymentServiceAsync;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

final class DeploymentServiceAsyncImpl implements DeploymentServiceAsync {
  private final DevelopmentDeploymentServiceAsync development;

  DeploymentServiceAsyncImpl(HttpTransport transport, @Nullable Executor callbackExecutor) {
    this.development = new DevelopmentDeploymentServiceAsyncImpl(transport, callbackExecutor);
  }

  @Override
  public DevelopmentDeploymentServiceAsync development() {
    return development;
  }
}
