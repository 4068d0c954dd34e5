package com.baseten.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.baseten.sdk.models.AutoscalingSettings;
import com.baseten.sdk.testing.LocalBaseten;
import com.baseten.sdk.testing.LocalBaseten.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
  private static final String LOCAL_LINE =
      "BASETEN_API_KEY is not set: running against LocalBaseten, an in-process fake of the API"
          + " (no network, no key).";

  @TempDir Path tmp;

  // --- UpdateAutoscalingExample, in process -----------------------------------------------------

  @Test
  void updateExampleWithoutAKeyRunsAgainstTheLocalFake() {
    Output output = new Output();

    int code = UpdateAutoscalingExample.run(output.out, output.err, Map.of());

    assertThat(code).isZero();
    assertThat(output.err()).isEmpty();
    assertThat(output.lines())
        .containsExactly(
            LOCAL_LINE,
            "Patch: AutoscalingPatch{minReplica=0, maxReplica=1, scaleDownDelay=PT5M}",
            "First update: ACCEPTED: Autoscaling settings of the development deployment updated.",
            "Same update again: UNCHANGED: The development deployment already has these settings.",
            "Rejected by build(), before anything is sent:"
                + " maxScaleDownRate must be within 1..50: 80",
            "Unknown model: NotFoundException, status 404",
            "  PATCH /v1/models/no-such-model/deployments/development/autoscaling_settings"
                + " -> 404 Not Found (request id local-3): Model no-such-model not found",
            "Settings the fake now holds for abc123 (development):",
            "  replicas: 0..1",
            "  scale-down delay: 300 s",
            "  autoscaling window: 60 s",
            "  concurrency target: 1");
  }

  @Test
  void updateExampleIgnoresABlankKey() {
    Output output = new Output();

    int code = UpdateAutoscalingExample.run(output.out, output.err, Map.of("BASETEN_API_KEY", " "));

    assertThat(code).isZero();
    assertThat(output.lines()).first().isEqualTo(LOCAL_LINE);
  }

  @Test
  void updateExampleWithAKeyButNoModelReportsUsage() {
    Output output = new Output();

    int code =
        UpdateAutoscalingExample.run(output.out, output.err, Map.of("BASETEN_API_KEY", "key"));

    assertThat(code).isEqualTo(2);
    assertThat(output.out()).isEmpty();
    assertThat(output.err())
        .startsWith("usage: UpdateAutoscalingExample MODEL_ID (or set BASETEN_MODEL_ID)");
  }

  @Test
  void updateExampleWithABlankModelIdReportsUsage() {
    Output output = new Output();

    int code =
        UpdateAutoscalingExample.run(
            output.out,
            output.err,
            Map.of("BASETEN_API_KEY", "key", "BASETEN_MODEL_ID", "abc123"),
            " ");

    assertThat(code).isEqualTo(2);
    assertThat(output.err()).startsWith("usage: ");
  }

  @Test
  void updatePatchKeepsDevelopmentWithinItsDocumentedReplicas() {
    assertThat(UpdateAutoscalingExample.patch().minReplica()).hasValue(0);
    assertThat(UpdateAutoscalingExample.patch().maxReplica()).hasValue(1);
    assertThat(UpdateAutoscalingExample.patch().scaleDownDelay()).contains(Duration.ofMinutes(5));
  }

  // --- UpdateAutoscalingExample.main, in a child JVM with a real environment --------------------

  @Test
  void mainExitsWith2WhenAKeyIsSetButNoModel() throws Exception {
    Finished run = runMain(Map.of("BASETEN_API_KEY", "key"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("usage: UpdateAutoscalingExample MODEL_ID");
  }

  @Test
  void mainWithAKeyUpdatesTheModelNamedByTheArgument() throws Exception {
    try (LocalBaseten local = LocalBaseten.start()) {
      local.addModel("abc123");

      Finished run =
          runMain(
              Map.of("BASETEN_API_KEY", local.apiKey(), "BASETEN_BASE_URL", local.baseUrl()),
              "abc123");

      assertThat(run.code()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out())
          .isEqualTo("ACCEPTED: Autoscaling settings of the development deployment updated.\n");
      assertThat(local.autoscalingSettings("abc123", "development").scaleDownDelay())
          .contains(Duration.ofSeconds(300));
      RecordedRequest request = local.requests().get(0);
      assertThat(request.header("authorization")).isEqualTo("Api-Key " + local.apiKey());
      assertThat(request.body())
          .isEqualTo("{\"min_replica\":0,\"max_replica\":1,\"scale_down_delay\":300}");
    }
  }

  @Test
  void mainWithAKeyFallsBackToTheModelIdVariable() throws Exception {
    try (LocalBaseten local = LocalBaseten.start()) {
      local.addModel("from-env");

      Finished run =
          runMain(
              Map.of(
                  "BASETEN_API_KEY",
                  local.apiKey(),
                  "BASETEN_BASE_URL",
                  local.baseUrl(),
                  "BASETEN_MODEL_ID",
                  "from-env"));

      assertThat(run.code()).isZero();
      assertThat(run.out()).startsWith("ACCEPTED: ");
      AutoscalingSettings settings = local.autoscalingSettings("from-env", "development");
      assertThat(settings.scaleDownDelay()).contains(Duration.ofMinutes(5));
    }
  }

  @Test
  void mainWithAKeyExits1AndNamesTheFailureWhenTheModelIsUnknown() throws Exception {
    try (LocalBaseten local = LocalBaseten.start()) {
      Finished run =
          runMain(
              Map.of("BASETEN_API_KEY", local.apiKey(), "BASETEN_BASE_URL", local.baseUrl()),
              "missing");

      assertThat(run.code()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .startsWith("update failed: PATCH /v1/models/missing/")
          .contains("404 Not Found")
          .contains("Model missing not found")
          .doesNotContain(local.apiKey());
    }
  }

  // --- ErrorHandlingExample ---------------------------------------------------------------------

  @Test
  void errorHandlingExamplePrintsOneLinePerCase() {
    Output output = new Output();

    ErrorHandlingExample.run(output.out);

    List<String> lines = output.lines();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0))
        .isEqualTo(
            "Running against LocalBaseten, an in-process fake of the API (no network, no key).");
    assertThat(lines.get(1))
        .isEqualTo(
            "Invalid patch -> IllegalArgumentException from build(): minReplica > maxReplica: 3 > 2");
    assertThat(lines.get(2))
        .startsWith("Wrong API key -> AuthenticationException (check BASETEN_API_KEY): PATCH ")
        .endsWith("-> 401 Unauthorized (request id local-1): Invalid or missing API key")
        .doesNotContain("not-the-key");
    assertThat(lines.get(3))
        .startsWith("Unknown model -> NotFoundException (no such model, or the key cannot see it):")
        .endsWith("-> 404 Not Found (request id local-2): Model no-such-model not found");
    assertThat(lines.get(4))
        .startsWith("Value the server refuses -> BadRequestException (the server refused a value):")
        .endsWith(
            "-> 400 Bad Request (request id local-3):"
                + " autoscaling_window must be within 10..3600: 5");
    assertThat(lines.get(5))
        .isEqualTo(
            "Any non-2xx answer -> BasetenServiceException: statusCode 400, requestId local-4,"
                + " body {\"message\":\"min_replica must be <= max_replica: 2 > 1\"}");
    assertThat(lines.get(6))
        .startsWith(
            "Network failure -> BasetenIoException (no answer; try again later): PATCH"
                + " /v1/models/abc123/deployments/development/autoscaling_settings failed"
                + " (attempt 3 of 3): ConnectException: ");
    assertThat(lines.get(7))
        .isEqualTo("Closed client -> IllegalStateException: this BasetenClient is closed");
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Two captured streams. */
  private static final class Output {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
      return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
      return out().lines().toList();
    }
  }

  private record Finished(int code, String out, String err) {}

  /**
   * Runs {@code UpdateAutoscalingExample.main} in a child JVM whose environment holds no Baseten
   * variable but those given, so that {@code BasetenClient.fromEnv()} and {@code System.exit} are
   * exercised for real.
   */
  private Finished runMain(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UpdateAutoscalingExample.class.getName());
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("BASETEN_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the example did not finish within 2 minutes");
    }
    return new Finished(
        process.exitValue(),
        Files.readString(out).replace("\r\n", "\n"),
        Files.readString(err).replace("\r\n", "\n"));
  }

  @Test
  void asyncExampleUpdatesEveryModelAndReportsTheFailureThroughTheFuture() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    AsyncExample.run(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R"))
        .containsExactly(
            "Running against LocalBaseten, an in-process fake of the API (no network, no key).",
            "alpha: ACCEPTED",
            "beta: ACCEPTED",
            "gamma: ACCEPTED",
            "Unknown model: NotFoundException, status 404");
  }
}
