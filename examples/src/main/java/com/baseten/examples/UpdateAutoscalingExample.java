/*usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS com.baseten:baseten-java:0.1.0-SNAPSHOT

JBang header: run with `jbang UpdateAutoscalingExample.java`, or make the file executable and
run it. It is a block comment because google-java-format rewrites the line comment //DEPS
to "// DEPS", which JBang does not read. The shell runs the first line, where the glob
/*usr/bin/env finds /usr/bin/env; the Java compiler sees a comment.
*/

package com.baseten.examples;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.BasetenException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingSettings;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.testing.LocalBaseten;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Updates the autoscaling settings of a model's development deployment.
 *
 * <p>With {@code BASETEN_API_KEY} set, it changes the model named by the first argument, or else by
 * {@code BASETEN_MODEL_ID}, on Baseten:
 *
 * <pre>
 * export BASETEN_API_KEY=...
 * ./mvnw -B -q -f examples/pom.xml compile exec:java -Dexec.args=abc123
 * </pre>
 *
 * <p>Without it, it runs against {@link LocalBaseten}, an in-process fake of the API, and shows
 * each outcome: accepted, unchanged, a value rejected before sending, and an unknown model.
 */
public final class UpdateAutoscalingExample {
  /** The exit code for a usage error, as in most command-line tools. */
  static final int EXIT_USAGE = 2;

  /** The exit code when the API call fails. */
  static final int EXIT_FAILED = 1;

  /** The model the local run adds to the fake. */
  static final String LOCAL_MODEL_ID = "abc123";

  private UpdateAutoscalingExample() {}

  /**
   * Runs the example with the process's output and environment, and exits with a non-zero code on
   * failure.
   *
   * @param args an optional model id
   */
  public static void main(String[] args) {
    int code = run(System.out, System.err, System.getenv(), args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the example.
   *
   * @param out where results go
   * @param err where usage and failures go
   * @param env the environment; only {@code BASETEN_API_KEY} and {@code BASETEN_MODEL_ID} are read
   *     here, and the client itself reads the process environment through {@link
   *     BasetenClient#fromEnv()}
   * @param args an optional model id
   * @return the exit code: 0 on success, {@value #EXIT_FAILED} if the call failed, {@value
   *     #EXIT_USAGE} if no model was named
   */
  static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    if (isBlank(env.get("BASETEN_API_KEY"))) {
      return runLocally(out);
    }
    String modelId = args.length > 0 ? args[0] : env.get("BASETEN_MODEL_ID");
    if (isBlank(modelId)) {
      err.println("usage: UpdateAutoscalingExample MODEL_ID (or set BASETEN_MODEL_ID)");
      err.println("  updates the development deployment of MODEL_ID to " + patch());
      return EXIT_USAGE;
    }
    try (BasetenClient client = BasetenClient.fromEnv()) {
      AutoscalingUpdate result =
          client.deployments().development().updateAutoscaling(modelId, patch());
      out.println(describe(result));
      return 0;
    } catch (BasetenException e) {
      err.println("update failed: " + e.getMessage());
      return EXIT_FAILED;
    }
  }

  /** Development deployments are documented as 0..1 replicas; scale down after 5 idle minutes. */
  static AutoscalingPatch patch() {
    return AutoscalingPatch.builder()
        .minReplica(0)
        .maxReplica(1)
        .scaleDownDelay(Duration.ofMinutes(5))
        .build();
  }

  private static int runLocally(PrintStream out) {
    out.println(
        "BASETEN_API_KEY is not set: running against LocalBaseten, an in-process fake of the API"
            + " (no network, no key).");
    try (LocalBaseten local = LocalBaseten.start();
        BasetenClient client =
            BasetenClient.builder().apiKey(local.apiKey()).baseUrl(local.baseUrl()).build()) {
      local.addModel(LOCAL_MODEL_ID);
      AutoscalingPatch patch = patch();
      out.println("Patch: " + patch);

      out.println(
          "First update: "
              + describe(
                  client.deployments().development().updateAutoscaling(LOCAL_MODEL_ID, patch)));
      out.println(
          "Same update again: "
              + describe(
                  client.deployments().development().updateAutoscaling(LOCAL_MODEL_ID, patch)));

      try {
        patch.toBuilder().maxScaleDownRate(80).build();
      } catch (IllegalArgumentException e) {
        out.println("Rejected by build(), before anything is sent: " + e.getMessage());
      }

      try {
        client.deployments().development().updateAutoscaling("no-such-model", patch);
      } catch (NotFoundException e) {
        out.println("Unknown model: NotFoundException, status " + e.statusCode());
        out.println("  " + e.getMessage());
      }

      AutoscalingSettings settings = local.autoscalingSettings(LOCAL_MODEL_ID, "development");
      out.println("Settings the fake now holds for " + LOCAL_MODEL_ID + " (development):");
      out.println("  replicas: " + settings.minReplica() + ".." + settings.maxReplica());
      out.println("  scale-down delay: " + seconds(settings.scaleDownDelay().orElse(null)));
      out.println("  autoscaling window: " + seconds(settings.autoscalingWindow().orElse(null)));
      out.println("  concurrency target: " + settings.concurrencyTarget());
    }
    return 0;
  }

  private static String describe(AutoscalingUpdate result) {
    String status =
        result.status() == AutoscalingUpdate.Status.UNKNOWN
            ? "UNKNOWN (" + result.rawStatus() + ")"
            : result.status().name();
    return status + ": " + result.message();
  }

  private static String seconds(Duration duration) {
    return duration == null ? "not reported" : duration.getSeconds() + " s";
  }

  private static boolean isBlank(String value) {
    return value == null || value.trim().isEmpty();
  }
}
