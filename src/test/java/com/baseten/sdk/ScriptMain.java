package com.baseten.sdk;

import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;

/**
 * A script as a user would write it: one sync call, no {@code close()}, then main returns. {@link
 * ScriptExitTest} runs it in a child JVM, which must then exit by itself.
 *
 * <p>Arguments: the base URL, the API key and the model id.
 */
public final class ScriptMain {
  private ScriptMain() {}

  public static void main(String[] args) {
    BasetenClient client = BasetenClient.builder().apiKey(args[1]).baseUrl(args[0]).build();
    AutoscalingUpdate result =
        client
            .deployments()
            .development()
            .updateAutoscaling(args[2], AutoscalingPatch.builder().maxReplica(2).build());
    System.out.println(result.status());
  }
}
