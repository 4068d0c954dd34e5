package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.errors.BasetenException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
  private static final String KEY = "sentinel-KEY-7c1e9a";
  private static final String PATH =
      "PATCH /v1/models/abc123/deployments/development/autoscaling_settings";
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(1).build();

  // Held strongly so that the settings made here are the ones restored, not a collected logger's.
  private static final Logger SDK = Logger.getLogger("com.baseten.sdk");
  private static final Logger HTTP = Logger.getLogger("com.baseten.sdk.http");

  private final MockWebServer server = new MockWebServer();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (isLoggable(record)) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Level savedSdkLevel;
  private Level savedHttpLevel;
  private boolean savedUseParentHandlers;
  private List<Handler> savedHandlers;

  @BeforeEach
  void setUp() throws IOException {
    savedSdkLevel = SDK.getLevel();
    savedHttpLevel = HTTP.getLevel();
    savedUseParentHandlers = SDK.getUseParentHandlers();
    savedHandlers = Arrays.asList(SDK.getHandlers());
    HTTP.setLevel(null);
    SDK.setLevel(Level.FINE);
    SDK.setUseParentHandlers(false);
    recorder.setLevel(Level.ALL);
    SDK.addHandler(recorder);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() {
    server.close();
    for (Handler handler : SDK.getHandlers()) {
      if (!savedHandlers.contains(handler)) {
        SDK.removeHandler(handler);
      }
    }
    SDK.setLevel(savedSdkLevel);
    SDK.setUseParentHandlers(savedUseParentHandlers);
    HTTP.setLevel(savedHttpLevel);
  }

  private BasetenClient client(String baseUrl, double jitter) {
    return new BasetenClientImpl(
        ClientOptions.builder()
            .apiKey(KEY)
            .baseUrl(baseUrl)
            .timing(Clock.SYSTEM, sleeps::add, () -> jitter)
            .build());
  }

  private BasetenClient client() {
    return client("http://127.0.0.1:" + server.getPort(), 1.0);
  }

  private static MockResponse ok(String requestId) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("x-request-id", requestId)
        .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
        .build();
  }

  private static AutoscalingUpdate update(BasetenClient client) {
    return client.deployments().development().updateAutoscaling("abc123", PATCH);
  }

  @Test
  void successfulCallLogsExactlyOneFineLine() {
    server.enqueue(ok("req-1"));

    try (BasetenClient client = client()) {
      update(client);
    }

    assertThat(records).hasSize(1);
    LogRecord record = records.get(0);
    assertThat(record.getLevel()).isEqualTo(Level.FINE);
    assertThat(record.getLoggerName()).isEqualTo("com.baseten.sdk.http");
    assertThat(record.getMessage())
        .matches("\\Q" + PATH + " -> 200 OK (attempt 1 of 3, \\E\\d+\\Q ms, request id req-1)\\E");
  }

  @Test
  void successfulCallWithoutRequestIdLeavesItOut() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
            .build());

    try (BasetenClient client = client()) {
      update(client);
    }

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMessage())
        .matches("\\Q" + PATH + " -> 200 OK (attempt 1 of 3, \\E\\d+\\Q ms)\\E");
  }

  @Test
  void retriedCallLogsAWarningNamingTheStatusTheAttemptAndTheWait() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("retry-after-ms", "10")
            .setHeader("x-request-id", "req-503")
            .build());
    server.enqueue(ok("req-200"));

    try (BasetenClient client = client()) {
      update(client);
    }

    assertThat(records)
        .extracting(LogRecord::getLevel)
        .containsExactly(Level.FINE, Level.WARNING, Level.FINE);
    assertThat(records.get(0).getMessage())
        .matches(
            "\\Q"
                + PATH
                + " -> 503 Service Unavailable (attempt 1 of 3, \\E\\d+\\Q ms, request id"
                + " req-503)\\E");
    assertThat(records.get(1).getMessage())
        .isEqualTo(PATH + " -> 503 Service Unavailable (attempt 1 of 3); retrying in 10ms");
    assertThat(records.get(2).getMessage())
        .matches(
            "\\Q" + PATH + " -> 200 OK (attempt 2 of 3, \\E\\d+\\Q ms, request id req-200)\\E");
    assertThat(sleeps).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void retryWarningNamesTheBackoffWhenTheServerAsksForNoWait() {
    server.enqueue(new MockResponse.Builder().code(502).build());
    server.enqueue(ok("req-ok"));

    try (BasetenClient client = client("http://127.0.0.1:" + server.getPort(), 0.0)) {
      update(client);
    }

    assertThat(records)
        .filteredOn(r -> r.getLevel() == Level.WARNING)
        .extracting(LogRecord::getMessage)
        .containsExactly(PATH + " -> 502 Bad Gateway (attempt 1 of 3); retrying in 375ms");
    assertThat(sleeps).containsExactly(Duration.ofMillis(375));
  }

  @Test
  void failedConnectionLogsTheFailureType() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }

    try (BasetenClient client = client("http://127.0.0.1:" + closedPort, 1.0)) {
      assertThatThrownBy(
              () ->
                  client
                      .deployments()
                      .development()
                      .updateAutoscaling(
                          "abc123", PATCH, RequestOptions.builder().maxRetries(0).build()))
          .isInstanceOf(BasetenException.class);
    }

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.FINE);
    assertThat(records.get(0).getMessage())
        .matches("\\Q" + PATH + " failed (attempt 1 of 1, \\E\\d+\\Q ms): ConnectException\\E");
  }

  @Test
  void atInfoNothingIsLoggedOnSuccess() {
    SDK.setLevel(Level.INFO);
    server.enqueue(ok("req-1"));

    try (BasetenClient client = client()) {
      update(client);
    }

    assertThat(records).isEmpty();
  }

  @Test
  void atInfoARetryLogsOnlyTheWarning() {
    SDK.setLevel(Level.INFO);
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    server.enqueue(ok("req-1"));

    try (BasetenClient client = client()) {
      update(client);
    }

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getMessage())
        .isEqualTo(PATH + " -> 429 Too Many Requests (attempt 1 of 3); retrying in 1s");
  }

  @Test
  void asyncCallsLogLikeSyncCalls() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "0").build());
    server.enqueue(ok("req-async"));

    try (BasetenClient client = client()) {
      client
          .async()
          .deployments()
          .development()
          .updateAutoscaling("abc123", PATCH)
          .get(10, SECONDS);
    }

    assertThat(records)
        .extracting(LogRecord::getLevel)
        .containsExactly(Level.FINE, Level.WARNING, Level.FINE);
    assertThat(records.get(1).getMessage())
        .isEqualTo(PATH + " -> 503 Service Unavailable (attempt 1 of 3); retrying in 0ms");
    assertThat(records.get(2).getMessage()).endsWith(" ms, request id req-async)");
  }

  @Test
  void noLogRecordHoldsTheApiKeyOrTheAuthorizationHeader() throws Exception {
    server.enqueue(ok("req-1"));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "0").build());
    server.enqueue(ok("req-2"));
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"message\":\"Invalid API key\"}").build());
    server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"no model\"}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("not json").build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "0").build());
    server.enqueue(ok("req-3"));
    RequestOptions quick =
        RequestOptions.builder()
            .timeout(Duration.ofMillis(200))
            .maxRetries(0)
            .header("X-Trace-Id", "t-1")
            .build();

    try (BasetenClient client = client()) {
      update(client);
      update(client);
      assertThatThrownBy(() -> update(client)).isInstanceOf(BasetenException.class);
      assertThatThrownBy(() -> update(client)).isInstanceOf(BasetenException.class);
      assertThatThrownBy(() -> update(client)).isInstanceOf(BasetenException.class);
      assertThatThrownBy(
              () -> client.deployments().development().updateAutoscaling("abc123", PATCH, quick))
          .isInstanceOf(BasetenException.class);
      client
          .async()
          .deployments()
          .development()
          .updateAutoscaling("abc123", PATCH)
          .get(10, SECONDS);
    }

    assertThat(records).hasSizeGreaterThanOrEqualTo(9);
    for (LogRecord record : records) {
      String everything = everything(record);
      assertThat(everything).doesNotContain(KEY).doesNotContainIgnoringCase("Authorization");
    }
  }

  /** A record's message, parameters and thrown chain, formatted as a handler would see them. */
  private static String everything(LogRecord record) {
    List<String> parts = new ArrayList<>();
    parts.add(String.valueOf(record.getMessage()));
    parts.add(new Logging.OneLine().format(record));
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        parts.add(String.valueOf(parameter));
      }
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      parts.add(t.toString());
      Arrays.stream(t.getSuppressed()).map(Throwable::toString).forEach(parts::add);
    }
    return parts.stream().collect(Collectors.joining("\n"));
  }

  // Logging.configure, which BASETEN_LOG drives.

  /** Runs {@code configure} while stderr is captured, since its handler binds stderr then. */
  private static Level configureCapturingStderr(String value, ByteArrayOutputStream err) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Logging.configure(value);
    } finally {
      System.setErr(original);
    }
  }

  private static List<Handler> added(List<Handler> before) {
    List<Handler> now = new ArrayList<>(Arrays.asList(SDK.getHandlers()));
    now.removeAll(before);
    return now;
  }

  @Test
  void debugInstallsAOneLineStderrHandlerAtFine() {
    List<Handler> before = Arrays.asList(SDK.getHandlers());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    Level level = configureCapturingStderr("debug", err);
    HTTP.fine("PATCH /v1/x -> 200 OK (attempt 1 of 3, 5 ms)");
    added(before).forEach(Handler::flush);

    assertThat(level).isEqualTo(Level.FINE);
    assertThat(SDK.getLevel()).isEqualTo(Level.FINE);
    assertThat(SDK.getUseParentHandlers()).isFalse();
    List<Handler> added = added(before);
    assertThat(added).hasSize(1);
    assertThat(added.get(0).getLevel()).isEqualTo(Level.FINE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "baseten FINE com.baseten.sdk.http: PATCH /v1/x -> 200 OK (attempt 1 of 3, 5 ms)"
                + System.lineSeparator());
  }

  @Test
  void infoInstallsAHandlerThatSkipsFineLines() {
    List<Handler> before = Arrays.asList(SDK.getHandlers());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    Level level = configureCapturingStderr("info", err);
    HTTP.fine("not shown");
    HTTP.warning("PATCH /v1/x -> 503 Service Unavailable (attempt 1 of 3); retrying in 1s");
    added(before).forEach(Handler::flush);

    assertThat(level).isEqualTo(Level.INFO);
    assertThat(SDK.getLevel()).isEqualTo(Level.INFO);
    assertThat(added(before)).hasSize(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "baseten WARNING com.baseten.sdk.http: PATCH /v1/x -> 503 Service Unavailable"
                + " (attempt 1 of 3); retrying in 1s"
                + System.lineSeparator());
  }

  @Test
  void valueIsReadIgnoringCaseAndSurroundingSpace() {
    List<Handler> before = Arrays.asList(SDK.getHandlers());

    assertThat(configureCapturingStderr("  DEBUG ", new ByteArrayOutputStream()))
        .isEqualTo(Level.FINE);
    assertThat(added(before)).hasSize(1);
  }

  @Test
  void otherValuesInstallNothing() {
    List<Handler> before = Arrays.asList(SDK.getHandlers());
    Level levelBefore = SDK.getLevel();

    assertThat(Logging.configure("verbose")).isNull();
    assertThat(Logging.configure("")).isNull();
    assertThat(Logging.configure("trace")).isNull();
    assertThat(Logging.configure(null)).isNull();

    assertThat(SDK.getHandlers()).containsExactlyElementsOf(before);
    assertThat(SDK.getLevel()).isEqualTo(levelBefore);
  }

  @Test
  void oneLineFormatterFillsInParameters() {
    LogRecord record = new LogRecord(Level.WARNING, "{0} -> {1}");
    record.setLoggerName("com.baseten.sdk.http");
    record.setParameters(new Object[] {"PATCH /v1/x", "503"});
    Formatter formatter = new Logging.OneLine();

    assertThat(formatter.format(record))
        .isEqualTo(
            "baseten WARNING com.baseten.sdk.http: PATCH /v1/x -> 503" + System.lineSeparator());
  }
}
