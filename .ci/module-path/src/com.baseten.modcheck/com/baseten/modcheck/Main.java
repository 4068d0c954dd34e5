package com.baseten.modcheck;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.testing.LocalBaseten;
import java.time.Duration;

/** Runs one update and one failing call against LocalBaseten, entirely on the module path. */
public final class Main {
  public static void main(String[] args) {
    try (LocalBaseten local = LocalBaseten.start();
        BasetenClient client =
            BasetenClient.builder().apiKey(local.apiKey()).baseUrl(local.baseUrl()).build()) {
      local.addModel("abc123");
      AutoscalingUpdate result =
          client
              .deployments()
              .development()
              .updateAutoscaling(
                  "abc123",
                  AutoscalingPatch.builder()
                      .minReplica(0)
                      .maxReplica(1)
                      .scaleDownDelay(Duration.ofSeconds(120))
                      .build());
      if (result.status() != AutoscalingUpdate.Status.ACCEPTED
          || !local.requests().get(0).body().contains("\"scale_down_delay\":120")) {
        throw new AssertionError("unexpected result on the module path: " + result);
      }
      try {
        client.deployments().development().updateAutoscaling("nope", AutoscalingPatch.builder().build());
        throw new AssertionError("expected a 404");
      } catch (NotFoundException expected) {
        // the error path works too
      }
      System.out.println(
          "module path OK: "
              + BasetenClient.class.getModule().getName()
              + " -> "
              + result.status());
    }
  }
}
