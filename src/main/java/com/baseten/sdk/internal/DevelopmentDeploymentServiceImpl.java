package com.baseten.sdk.internal;

import com.baseten.sdk.RawResponse;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.services.DevelopmentDeploymentService;
import java.util.Objects;

final class DevelopmentDeploymentServiceImpl implements DevelopmentDeploymentService {
  private final HttpTransport transport;
  private final WithRawResponse withRawResponse;

  DevelopmentDeploymentServiceImpl(HttpTransport transport) {
    this.transport = transport;
    this.withRawResponse = new Raw(transport);
  }

  @Override
  public AutoscalingUpdate updateAutoscaling(
      String modelId, AutoscalingPatch patch, RequestOptions options) {
    ApiRequest request = AutoscalingCalls.update(modelId, "development", patch);
    return transport.execute(
        request, Json::readAutoscalingUpdate, Objects.requireNonNull(options, "options == null"));
  }

  @Override
  public WithRawResponse withRawResponse() {
    return withRawResponse;
  }

  private static final class Raw implements WithRawResponse {
    private final HttpTransport transport;

    Raw(HttpTransport transport) {
      this.transport = transport;
    }

    @Override
    public RawResponse<AutoscalingUpdate> updateAutoscaling(
        String modelId, AutoscalingPatch patch, RequestOptions options) {
      ApiRequest request = AutoscalingCalls.update(modelId, "development", patch);
      return transport.executeRaw(
          request, Json::readAutoscalingUpdate, Objects.requireNonNull(options, "options == null"));
    }
  }
}
