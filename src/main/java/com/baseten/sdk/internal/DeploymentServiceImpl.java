package com.baseten.sdk.internal;

import com.baseten.sdk.services.DeploymentService;
import com.baseten.sdk.services.DevelopmentDeploymentService;

final class DeploymentServiceImpl implements DeploymentService {
  private final DevelopmentDeploymentService development;

  DeploymentServiceImpl(HttpTransport transport) {
    this.development = new DevelopmentDeploymentServiceImpl(transport);
  }

  @Override
  public DevelopmentDeploymentService development() {
    return development;
  }
}
