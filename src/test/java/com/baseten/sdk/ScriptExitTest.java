package com.baseten.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.testing.LocalBaseten;
import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The sync API creates no thread that keeps the JVM alive; async threads end with close(). */
class ScriptExitTest {
  private static final Predicate<Thread> SDK_THREAD =
      t ->
          t.getName().contains("OkHttp")
              || t.getName().toLowerCase(Locale.ROOT).contains("baseten");

  @Test
  void scriptThatNeverClosesItsClientExitsByItself() throws Exception {
    try (LocalBaseten local = LocalBaseten.start()) {
      local.addModel("abc123");
      ProcessBuilder builder =
          new ProcessBuilder(
                  System.getProperty("java.home")
                      + File.separator
                      + "bin"
                      + File.separator
                      + "java",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ScriptMain.class.getName(),
                  local.baseUrl(),
                  local.apiKey(),
                  "abc123")
              .redirectErrorStream(true);
      builder.environment().remove("BASETEN_LOG");
      Process process = builder.start();
      try {
        boolean exited = process.waitFor(60, SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("child JVM exited by itself; output: %s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
        assertThat(output.trim()).isEqualTo("ACCEPTED");
      } finally {
        process.destroyForcibly();
      }
      assertThat(local.requests()).hasSize(1);
      assertThat(local.autoscalingSettings("abc123", "development").maxReplica()).isEqualTo(2);
    }
  }

  @Test
  void syncCallStartsNoNonDaemonThread() {
    try (LocalBaseten local = LocalBaseten.start()) {
      local.addModel("abc123");
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      BasetenClient client =
          BasetenClient.builder().apiKey(local.apiKey()).baseUrl(local.baseUrl()).build();
      try {
        AutoscalingUpdate result =
            client
                .deployments()
                .development()
                .updateAutoscaling("abc123", AutoscalingPatch.builder().maxReplica(2).build());
        assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);

        // Checked before close(): a script that never closes must not be kept alive.
        assertThat(newThreads(before).stream().filter(t -> !t.isDaemon()).map(Thread::getName))
            .isEmpty();
      } finally {
        client.close();
      }
    }
  }

  @Test
  void threadsStartedByAsyncCallsEndWhenTheClientIsClosed() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      // A 503 makes the call schedule a retry, which starts the retry scheduler.
      server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "1").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
              .build());
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      BasetenClient client =
          BasetenClient.builder()
              .apiKey("script-key")
              .baseUrl("http://127.0.0.1:" + server.getPort())
              .build();

      AutoscalingUpdate result =
          client
              .async()
              .deployments()
              .development()
              .updateAutoscaling("abc123", AutoscalingPatch.builder().maxReplica(2).build())
              .get(10, SECONDS);

      assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
      List<Thread> started = newThreads(before);
      assertThat(started)
          .filteredOn(t -> t.getName().equals("baseten-retry-scheduler"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
      // OkHttp's dispatcher threads are not daemons: only close() lets a script end at once.
      assertThat(started).filteredOn(t -> !t.isDaemon()).isNotEmpty();

      client.close();

      long giveUpAt = System.nanoTime() + SECONDS.toNanos(10);
      List<String> left = aliveNames(started);
      while (!left.isEmpty() && System.nanoTime() < giveUpAt) {
        Thread.sleep(50);
        left = aliveNames(started);
      }
      assertThat(left).isEmpty();
    }
  }

  /** Threads started since {@code before} whose names mark them as OkHttp's or the SDK's. */
  private static List<Thread> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(Thread::isAlive)
        .filter(SDK_THREAD)
        .collect(Collectors.toList());
  }

  /** Of {@code threads}, the names of those still alive that would keep the JVM or pool busy. */
  private static List<String> aliveNames(List<Thread> threads) {
    return threads.stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.isDaemon() || t.getName().equals("baseten-retry-scheduler"))
        .map(Thread::getName)
        .collect(Collectors.toList());
  }
}
