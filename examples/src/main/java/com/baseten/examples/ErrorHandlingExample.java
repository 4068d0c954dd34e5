/*usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS com.baseten:baseten-java:0.1.0-SNAPSHOT

JBang header: run with `jbang ErrorHandlingExample.java`, or make the file executable and
run it. It is a block comment because google-java-format rewrites the line comment //DEPS
to "// DEPS", which JBang does not read. The shell runs the first line, where the glob
/*usr/bin/env finds /usr/bin/env; the Java compiler sees a comment.
*/

package com.baseten.examples;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.testing.LocalBaseten;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows every kind of failure an autoscaling update can meet, and the exception that reports it.
 * Runs against {@link LocalBaseten}, an in-process fake of the API: no network, no key.
 *
 * <pre>
 * ./mvnw -B -q -f examples/pom.xml compile exec:java \
 *     -Dexec.mainClass=com.baseten.examples.ErrorHandlingExample
 * </pre>
 */
public final class ErrorHandlingExample {
  private static final String MODEL_ID = "abc123";

  private ErrorHandlingExample() {}

  /**
   * Runs the example on standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs every case, one line each.
   *
   * @param out where the lines go
   */
  static void run(PrintStream out) {
    out.println(
        "Running against LocalBaseten, an in-process fake of the API (no network, no key).");
    try (LocalBaseten local = LocalBaseten.start();
        BasetenClient client = clientFor(local.baseUrl(), local.apiKey());
        BasetenClient wrongKey = clientFor(local.baseUrl(), "not-the-key")) {
      local.addModel(MODEL_ID);

      // A value that no server could accept fails in build(), before anything is sent.
      try {
        AutoscalingPatch.builder().minReplica(3).maxReplica(2).build();
      } catch (IllegalArgumentException e) {
        out.println("Invalid patch -> IllegalArgumentException from build(): " + e.getMessage());
      }

      AutoscalingPatch valid = AutoscalingPatch.builder().maxReplica(1).build();
      out.println("Wrong API key -> " + update(wrongKey, MODEL_ID, valid));
      out.println("Unknown model -> " + update(client, "no-such-model", valid));

      // The SDK lets a 5 s window through: the documented 10 s minimum is the server's to enforce.
      AutoscalingPatch shortWindow =
          AutoscalingPatch.builder().autoscalingWindow(Duration.ofSeconds(5)).build();
      out.println("Value the server refuses -> " + update(client, MODEL_ID, shortWindow));

      // One catch clause handles every non-2xx answer, whatever its status.
      try {
        client
            .deployments()
            .development()
            .updateAutoscaling(MODEL_ID, AutoscalingPatch.builder().minReplica(2).build());
      } catch (BasetenServiceException e) {
        out.println(
            "Any non-2xx answer -> BasetenServiceException: statusCode "
                + e.statusCode()
                + ", requestId "
                + e.requestId().orElse("(none)")
                + ", body "
                + e.body());
      }

      out.println("Network failure -> " + updateOnAStoppedServer(valid));
      out.println("Closed client -> " + updateOnAClosedClient(local, valid));
    }
  }

  /**
   * Updates a model and describes the outcome. The catch clauses run from the most specific type to
   * the most general: the compiler refuses a subclass caught after its superclass.
   */
  static String update(BasetenClient client, String modelId, AutoscalingPatch patch) {
    try {
      AutoscalingUpdate result =
          client.deployments().development().updateAutoscaling(modelId, patch);
      return result.status() + ": " + result.message();
    } catch (AuthenticationException e) {
      return "AuthenticationException (check BASETEN_API_KEY): " + e.getMessage();
    } catch (NotFoundException e) {
      return "NotFoundException (no such model, or the key cannot see it): " + e.getMessage();
    } catch (BadRequestException e) {
      return "BadRequestException (the server refused a value): " + e.getMessage();
    } catch (BasetenServiceException e) {
      // 403, 409, 422, 429, 5xx, ...: each has its own subclass, and statusCode() tells them apart.
      return "BasetenServiceException " + e.statusCode() + ": " + e.getMessage();
    } catch (BasetenIoException e) {
      // No answer at all: the connection failed or the call timed out (BasetenTimeoutException).
      return "BasetenIoException (no answer; try again later): " + e.getMessage();
    }
  }

  private static String updateOnAStoppedServer(AutoscalingPatch patch) {
    LocalBaseten stopped = LocalBaseten.start();
    stopped.close();
    try (BasetenClient client = clientFor(stopped.baseUrl(), stopped.apiKey())) {
      return update(client, MODEL_ID, patch);
    }
  }

  /** A call on a closed client is a programming error, not a failure of the API. */
  private static String updateOnAClosedClient(LocalBaseten local, AutoscalingPatch patch) {
    BasetenClient client = clientFor(local.baseUrl(), local.apiKey());
    client.close();
    try {
      return update(client, MODEL_ID, patch);
    } catch (IllegalStateException e) {
      return "IllegalStateException: " + e.getMessage();
    }
  }

  private static BasetenClient clientFor(String baseUrl, String apiKey) {
    return BasetenClient.builder().apiKey(apiKey).baseUrl(baseUrl).build();
  }
}
