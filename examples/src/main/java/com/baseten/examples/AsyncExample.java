/*usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS com.baseten:baseten-java:0.1.0-SNAPSHOT

JBang header: run with `jbang AsyncExample.java`. It is a block comment because
google-java-format rewrites the line comment //DEPS to "// DEPS", which JBang does not read.
*/

package com.baseten.examples;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.testing.LocalBaseten;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Updates several models at once without blocking a thread per call, as a backend service would:
 * {@code client.async()} answers with {@link CompletableFuture}s that complete on an executor the
 * service owns. Runs against {@link LocalBaseten}: no network, no key.
 *
 * <pre>
 * ./mvnw -B -q -f examples/pom.xml compile exec:java \
 *     -Dexec.mainClass=com.baseten.examples.AsyncExample
 * </pre>
 */
public final class AsyncExample {
  private AsyncExample() {}

  /**
   * Runs the example on standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Updates three models concurrently, then shows how a failure reaches a future.
   *
   * @param out where the lines go
   */
  static void run(PrintStream out) {
    out.println(
        "Running against LocalBaseten, an in-process fake of the API (no network, no key).");
    ExecutorService callbacks =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "service-callbacks");
              thread.setDaemon(true);
              return thread;
            });
    try (LocalBaseten local = LocalBaseten.start();
        BasetenClient client =
            BasetenClient.builder()
                .apiKey(local.apiKey())
                .baseUrl(local.baseUrl())
                .callbackExecutor(callbacks) // futures complete here, never on the common pool
                .build()) {
      List<String> models = new ArrayList<>();
      for (String id : new String[] {"alpha", "beta", "gamma"}) {
        local.addModel(id);
        models.add(id);
      }
      AutoscalingPatch patch =
          AutoscalingPatch.builder()
              .minReplica(0)
              .maxReplica(1)
              .scaleDownDelay(Duration.ofMinutes(5))
              .build();

      List<CompletableFuture<String>> lines = new ArrayList<>();
      for (String id : models) {
        lines.add(
            client
                .async()
                .deployments()
                .development()
                .updateAutoscaling(id, patch)
                .thenApply(result -> id + ": " + result.status()));
      }
      CompletableFuture.allOf(lines.toArray(new CompletableFuture<?>[0])).join();
      for (CompletableFuture<String> line : lines) {
        out.println(line.join());
      }

      // A failure completes the future exceptionally, with the exception a sync call throws.
      String failure =
          client
              .async()
              .deployments()
              .development()
              .updateAutoscaling("no-such-model", patch)
              .handle((AutoscalingUpdate result, Throwable error) -> describe(error))
              .join();
      out.println("Unknown model: " + failure);
    } finally {
      callbacks.shutdown();
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof NotFoundException) {
      NotFoundException notFound = (NotFoundException) cause;
      return "NotFoundException, status " + notFound.statusCode();
    }
    return String.valueOf(cause);
  }
}
