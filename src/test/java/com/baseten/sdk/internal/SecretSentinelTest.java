package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.RateLimitException;
import com.baseten.sdk.errors.UnexpectedStatusException;
import com.baseten.sdk.models.AutoscalingPatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The API key is sent to the server and shown nowhere else, whatever goes wrong. */
class SecretSentinelTest {
  private static final String SENTINEL = "sk-SENTINEL-7f3a9c";

  /** The key, and parts of it that a cut-off message could still show. */
  private static final String[] FRAGMENTS = {SENTINEL, "SENTINEL", "7f3a9c"};

  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(2).build();

  private final FakeTime time = new FakeTime();
  private final List<BasetenClientImpl> clients = new ArrayList<>();
  private MockWebServer server;

  /** A way for a call to fail; returns what the caller caught. */
  @FunctionalInterface
  interface Failure {
    Throwable provoke(SecretSentinelTest test) throws Exception;
  }

  @BeforeEach
  void startServer() {
    server = TestServers.start();
  }

  @AfterEach
  void stopServer() {
    // The interrupted-wait case leaves the flag set, as the SDK promises; clear it first.
    Thread.interrupted();
    clients.forEach(BasetenClientImpl::close);
    server.close();
  }

  /** A failure and the exception type the caller gets from it. */
  record Case(Class<? extends Throwable> expected, Failure failure) {}

  private static void add(
      List<Named<Case>> cases, String name, Class<? extends Throwable> expected, Failure failure) {
    cases.add(Named.of(name, new Case(expected, failure)));
  }

  static Stream<Named<Case>> failures() {
    List<Named<Case>> cases = new ArrayList<>();
    int[] codes = {400, 401, 403, 404, 408, 409, 418, 422, 429, 500, 502, 503, 504};
    for (int code : codes) {
      add(
          cases,
          "status " + code,
          BasetenServiceException.class,
          t -> {
            for (int i = 0; i < 3; i++) {
              t.server.enqueue(TestServers.status(code));
            }
            return t.call(b -> b);
          });
    }
    add(
        cases,
        "redirect not followed",
        UnexpectedStatusException.class,
        t -> {
          t.server.enqueue(
              new MockResponse.Builder()
                  .code(307)
                  .setHeader("Location", "https://elsewhere.example/v1/models")
                  .build());
          return t.call(b -> b);
        });
    add(
        cases,
        "disconnect at request start",
        BasetenIoException.class,
        t -> t.callFailingThreeTimes(new MockResponse.Builder().onRequestStart(close()).build()));
    add(
        cases,
        "disconnect after the request",
        BasetenIoException.class,
        t -> t.callFailingThreeTimes(new MockResponse.Builder().onResponseStart(close()).build()));
    add(
        cases,
        "truncated body",
        BasetenIoException.class,
        t ->
            t.callFailingThreeTimes(
                new MockResponse.Builder()
                    .body("{\"status\":")
                    .setHeader("Content-Length", 100)
                    .onResponseEnd(close())
                    .build()));
    add(
        cases,
        "connection refused",
        BasetenIoException.class,
        t -> {
          String baseUrl = TestServers.baseUrl(t.server);
          t.server.close();
          return t.call(b -> b.baseUrl(baseUrl));
        });
    add(
        cases,
        "timeout",
        BasetenTimeoutException.class,
        t -> {
          t.server.enqueue(
              new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
          return t.call(b -> b.timeout(Duration.ofMillis(100)).maxRetries(0));
        });
    add(
        cases,
        "invalid response",
        BasetenInvalidResponseException.class,
        t -> {
          t.server.enqueue(TestServers.json(200, "{\"status\":5}"));
          return t.call(b -> b);
        });
    add(
        cases,
        "oversized response",
        BasetenInvalidResponseException.class,
        t -> {
          t.server.enqueue(
              new MockResponse.Builder().body(new Buffer().write(new byte[2 << 20])).build());
          return t.call(b -> b);
        });
    add(
        cases,
        "interrupted wait",
        BasetenIoException.class,
        t -> {
          t.server.enqueue(TestServers.status(503));
          Sleeper interrupted =
              d -> {
                throw new InterruptedException("sleep interrupted");
              };
          return t.call(b -> b.timing(t.time, interrupted, () -> 1.0));
        });
    add(
        cases,
        "Retry-After too long",
        RateLimitException.class,
        t -> {
          t.server.enqueue(
              TestServers.status(429).newBuilder().setHeader("Retry-After", "3600").build());
          return t.call(b -> b);
        });
    add(
        cases,
        "deadline reached",
        InternalServerException.class,
        t -> {
          for (int i = 0; i < 3; i++) {
            t.server.enqueue(TestServers.status(503));
          }
          return t.call(b -> b.deadline(Duration.ofSeconds(1)));
        });
    add(
        cases,
        "invalid patch",
        IllegalArgumentException.class,
        t -> catchThrowable(() -> AutoscalingPatch.builder().minReplica(3).maxReplica(2).build()));
    add(
        cases,
        "blank model id",
        IllegalArgumentException.class,
        t ->
            catchThrowable(
                () -> t.client(b -> b).deployments().development().updateAutoscaling(" ", PATCH)));
    add(
        cases,
        "key with a line break",
        IllegalArgumentException.class,
        t -> catchThrowable(() -> t.client(b -> b.apiKey(SENTINEL + "\n"))));
    add(
        cases,
        "key with a non-ASCII character",
        IllegalArgumentException.class,
        t -> catchThrowable(() -> t.client(b -> b.apiKey(SENTINEL + "\u00e9"))));
    add(
        cases,
        "unusable base URL",
        IllegalArgumentException.class,
        t ->
            catchThrowable(
                () -> ClientOptions.builder().apiKey(SENTINEL).baseUrl("ftp://host").build()));
    add(
        cases,
        "plain HTTP to a remote host",
        IllegalArgumentException.class,
        t ->
            catchThrowable(
                () ->
                    ClientOptions.builder()
                        .apiKey(SENTINEL)
                        .baseUrl("http://api.example.com")
                        .build()));
    add(
        cases,
        "negative maxRetries",
        IllegalArgumentException.class,
        t -> catchThrowable(() -> ClientOptions.builder().apiKey(SENTINEL).maxRetries(-1)));
    add(
        cases,
        "closed client",
        IllegalStateException.class,
        t -> {
          BasetenClientImpl client = t.client(b -> b);
          client.close();
          return catchThrowable(
              () -> client.deployments().development().updateAutoscaling("abc123", PATCH));
        });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void keyAppearsInNoExceptionClientOrThreadName(Case failure) throws Exception {
    Throwable thrown = failure.failure().provoke(this);

    assertThat(thrown).isInstanceOf(failure.expected());
    assertNoSentinel(thrown);
    for (BasetenClientImpl client : clients) {
      assertThat(client.toString()).doesNotContain(FRAGMENTS);
    }
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      assertThat(thread.getName()).doesNotContain(FRAGMENTS);
    }
  }

  @Test
  void keyEchoedByTheServerIsRedactedFromTheMessageAndBody() {
    server.enqueue(TestServers.json(401, "{\"message\":\"key " + SENTINEL + " is revoked\"}"));

    Throwable thrown = call(b -> b);

    assertThat(thrown)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageEndingWith(": key [redacted] is revoked");
    assertThat(((BasetenServiceException) thrown).body())
        .isEqualTo("{\"message\":\"key [redacted] is revoked\"}");
    assertNoSentinel(thrown);
  }

  @Test
  void keyEchoedJsonEscapedIsRedactedFromTheDecodedMessageAndTheBody() {
    String escaped = SENTINEL.replace("-", "\\u002d").replace("S", "\\u0053");
    server.enqueue(TestServers.json(401, "{\"message\":\"key " + escaped + " is revoked\"}"));

    Throwable thrown = call(b -> b);

    assertThat(thrown)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageEndingWith(": key [redacted] is revoked");
    assertThat(((BasetenServiceException) thrown).body())
        .isEqualTo("{\"message\":\"key [redacted] is revoked\"}");
    assertNoSentinel(thrown);
  }

  @Test
  void keyEchoedInSeveralFieldsAndHeadersIsRedactedInEach() {
    String body =
        "{\"message\":\"bad key "
            + SENTINEL
            + "\",\"detail\":[{\"loc\":[\"header\",\"authorization\"],\"input\":\"Api-Key "
            + SENTINEL.replace("-", "\\u002D")
            + "\"}]}";
    server.enqueue(
        TestServers.json(403, body)
            .newBuilder()
            .addHeader("X-Echo", "Api-Key " + SENTINEL)
            .addHeader("X-Echo", "second " + SENTINEL)
            .addHeader("Link", "<https://example.com/keys?k=" + SENTINEL.replace("-", "%2d") + ">")
            .build());

    Throwable thrown = call(b -> b);

    BasetenServiceException e = (BasetenServiceException) thrown;
    assertThat(e.headers().values("X-Echo"))
        .containsExactly("Api-Key [redacted]", "second [redacted]");
    assertThat(e.headers().get("Link")).isEqualTo("<https://example.com/keys?k=[redacted]>");
    assertThat(e.body())
        .isEqualTo(
            "{\"message\":\"bad key [redacted]\",\"detail\":[{\"loc\":[\"header\","
                + "\"authorization\"],\"input\":\"Api-Key [redacted]\"}]}");
    assertThat(e.getMessage()).contains(": bad key [redacted]");
    assertNoSentinel(thrown);
  }

  @Test
  void keyShorterThanEightCharactersIsRedactedToo() {
    server.enqueue(TestServers.json(401, "{\"message\":\"key k3y9 is revoked\"}"));

    Throwable thrown = call(b -> b.apiKey("k3y9"));

    assertThat(thrown).hasMessageEndingWith(": key [redacted] is revoked");
    assertThat(((BasetenServiceException) thrown).body())
        .isEqualTo("{\"message\":\"key [redacted] is revoked\"}");
  }

  @Test
  void asyncFailuresShowTheKeyNowhere() throws Exception {
    server.enqueue(TestServers.status(404));
    server.enqueue(TestServers.status(503));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    BasetenClientImpl client =
        client(b -> b.maxRetries(0).timeout(java.time.Duration.ofMillis(300)));
    List<Class<? extends Throwable>> expected =
        List.of(
            com.baseten.sdk.errors.NotFoundException.class,
            com.baseten.sdk.errors.InternalServerException.class,
            com.baseten.sdk.errors.BasetenTimeoutException.class);

    for (Class<? extends Throwable> type : expected) {
      java.util.concurrent.CompletableFuture<?> future =
          client.async().deployments().development().updateAutoscaling("abc123", PATCH);
      Throwable thrown =
          catchThrowable(() -> future.get(10, java.util.concurrent.TimeUnit.SECONDS));

      assertThat(thrown).hasCauseInstanceOf(type);
      assertNoSentinel(thrown);
    }
    assertThat(client.async().toString()).doesNotContain(FRAGMENTS);
  }

  @Test
  void keyIsSentToTheServer() throws Exception {
    server.enqueue(TestServers.status(401));

    call(b -> b);

    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Api-Key " + SENTINEL);
  }

  @Test
  void clientToStringShowsTheSettingsButNotTheKey() {
    BasetenClientImpl client = client(b -> b);

    assertThat(client.toString())
        .startsWith("BasetenClient{baseUrl=http://127.0.0.1:")
        .contains("maxRetries=2")
        .doesNotContain(FRAGMENTS);
  }

  private static SocketEffect close() {
    return new SocketEffect.CloseSocket();
  }

  private Throwable callFailingThreeTimes(MockResponse response) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(response);
    }
    return call(b -> b);
  }

  private Throwable call(UnaryOperator<ClientOptions.Builder> configure) {
    BasetenClientImpl client = client(configure);
    return catchThrowable(
        () -> client.deployments().development().updateAutoscaling("abc123", PATCH));
  }

  private BasetenClientImpl client(UnaryOperator<ClientOptions.Builder> configure) {
    ClientOptions.Builder builder =
        ClientOptions.builder()
            .apiKey(SENTINEL)
            .baseUrl(TestServers.baseUrl(server))
            .timing(time, time, () -> 1.0);
    BasetenClientImpl client = new BasetenClientImpl(configure.apply(builder).build());
    clients.add(client);
    return client;
  }

  /** Checks the whole graph: messages, toString, causes, suppressed, and the printed trace. */
  private static void assertNoSentinel(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>(List.of(thrown));
    while (!pending.isEmpty()) {
      Throwable t = pending.pop();
      if (!seen.add(t)) {
        continue;
      }
      assertThat(String.valueOf(t.getMessage())).doesNotContain(FRAGMENTS);
      assertThat(String.valueOf(t.getLocalizedMessage())).doesNotContain(FRAGMENTS);
      assertThat(t.toString()).doesNotContain(FRAGMENTS);
      if (t instanceof BasetenServiceException service) {
        assertThat(service.body()).doesNotContain(FRAGMENTS);
        assertThat(service.headers().toString()).doesNotContain(FRAGMENTS);
      }
      if (t.getCause() != null) {
        pending.push(t.getCause());
      }
      pending.addAll(List.of(t.getSuppressed()));
    }
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(FRAGMENTS);
  }
}
