package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One fault per test, injected by a local server: how many requests the server saw, and what the
 * caller got.
 */
class FaultInjectionTest {
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(3).build();
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final String PROXY_PAGE =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private final FakeTime time = new FakeTime();
  private final List<BasetenClientImpl> clients = new ArrayList<>();
  private MockWebServer server;

  @BeforeEach
  void startServer() {
    server = TestServers.start();
  }

  @AfterEach
  void stopServer() {
    clients.forEach(BasetenClientImpl::close);
    server.close();
  }

  @Test
  void disconnectAtRequestStartEveryTimeExhaustsTheRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(dropAtRequestStart());
    }

    BasetenIoException e = catchThrowableOfType(BasetenIoException.class, this::update);

    assertThat(e)
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(e.getMessage())
        .startsWith("PATCH " + TestServers.PATH + " failed (attempt 3 of 3): ");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void disconnectAfterTheRequestWithoutAnAnswerIsRetried() {
    server.enqueue(dropAtResponseStart());
    server.enqueue(TestServers.accepted());

    assertThat(update().status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void disconnectAfterTheRequestEveryTimeExhaustsTheRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(dropAtResponseStart());
    }

    BasetenIoException e = catchThrowableOfType(BasetenIoException.class, this::update);

    assertThat(e).isExactlyInstanceOf(BasetenIoException.class);
    assertThat(e.getMessage()).contains("failed (attempt 3 of 3)");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void serverThatNeverAnswersTimesOutOnEveryAttempt() {
    // Real time: two attempts of 200 ms each.
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    BasetenTimeoutException e =
        catchThrowableOfType(
            BasetenTimeoutException.class,
            () -> update(client(b -> b.timeout(Duration.ofMillis(200)).maxRetries(1))));

    assertThat(e.getMessage())
        .startsWith("PATCH " + TestServers.PATH + " timed out (timeout 200ms; attempt 2 of 2): ");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void serverThatStallsOnceIsRetriedAfterTheTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(TestServers.accepted());

    AutoscalingUpdate update = update(client(b -> b.timeout(Duration.ofMillis(200)).maxRetries(1)));

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void truncatedBodyIsRetriedAsAConnectionFailure() {
    server.enqueue(truncated());
    server.enqueue(TestServers.accepted());

    assertThat(update().status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void truncatedBodyEveryTimeExhaustsTheRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(truncated());
    }

    BasetenIoException e = catchThrowableOfType(BasetenIoException.class, this::update);

    assertThat(e).isExactlyInstanceOf(BasetenIoException.class);
    assertThat(e.getMessage()).contains("(attempt 3 of 3)").contains("unexpected end of stream");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void clientErrorWhoseBodyBreaksOffIsThrownAsItsStatusNotRetried() {
    server.enqueue(truncated(400, "{\"message\":\"max_replica too"));
    server.enqueue(TestServers.accepted());

    BadRequestException e = catchThrowableOfType(BadRequestException.class, this::update);

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.body()).isEqualTo("{\"message\":\"max_replica too");
    assertThat(e.getMessage())
        .isEqualTo(
            "PATCH "
                + TestServers.PATH
                + " -> 400 Bad Request (body cut short: ProtocolException):"
                + " {\"message\":\"max_replica too");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void serverErrorWhoseBodyBreaksOffIsRetriedAsItsStatus() {
    server.enqueue(truncated(503, "{\"message\":\"overloa"));
    server.enqueue(truncated(503, "{\"message\":\"overloa"));
    server.enqueue(truncated(503, "{\"message\":\"overloa"));

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::update);

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.getMessage())
        .contains("-> 503 Service Unavailable (body cut short: ProtocolException; attempt 3 of 3)");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void serviceUnavailableThenOkSucceeds() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());

    assertThat(update().message()).isEqualTo("settings updated");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void internalServerErrorThreeTimesExhaustsTheRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(TestServers.status(500));
    }

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::update);

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.getMessage())
        .contains("-> 500 Internal Server Error (attempt 3 of 3): status 500");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void badRequestIsNeverRetried() {
    server.enqueue(TestServers.json(400, "{\"message\":\"min_replica > max_replica\"}"));
    server.enqueue(TestServers.accepted());

    BadRequestException e = catchThrowableOfType(BadRequestException.class, this::update);

    assertThat(e.getMessage()).endsWith("-> 400 Bad Request: min_replica > max_replica");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void proxyErrorPageIsShownAsOneLineAndRetriedUntilExhausted() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(proxyPage());
    }

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::update);

    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.body()).isEqualTo(PROXY_PAGE);
    assertThat(e.getMessage())
        .doesNotContain("\n", "\r")
        .startsWith(
            "PATCH "
                + TestServers.PATH
                + " -> 502 Bad Gateway (attempt 3 of 3): <html> <head><title>502 Bad Gateway");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void proxyErrorPageThenOkSucceeds() {
    server.enqueue(proxyPage());
    server.enqueue(TestServers.accepted());

    assertThat(update().status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void tenMegabyteSuccessBodyIsRejectedWithoutRetrying() {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[TEN_MB])).build());
    server.enqueue(TestServers.accepted());

    BasetenInvalidResponseException e =
        catchThrowableOfType(BasetenInvalidResponseException.class, this::update);

    assertThat(e.getMessage())
        .isEqualTo(
            "PATCH " + TestServers.PATH + " -> 200 OK, but the body is larger than 1048576 bytes");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void compressedBodyThatInflatesPastTheLimitIsRejected() throws IOException {
    Buffer gzipped = new Buffer();
    try (okio.BufferedSink sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.write(new byte[TEN_MB]);
    }
    server.enqueue(
        new MockResponse.Builder().setHeader("Content-Encoding", "gzip").body(gzipped).build());

    BasetenInvalidResponseException e =
        catchThrowableOfType(BasetenInvalidResponseException.class, this::update);

    assertThat(e.getMessage()).endsWith("but the body is larger than 1048576 bytes");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tenMegabyteErrorBodyIsCutToItsBoundedPrefix() {
    String huge = "x".repeat(TEN_MB);
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(500).body(huge).build());
    }

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::update);

    assertThat(e.body()).hasSize(BasetenServiceException.MAX_BODY_CHARS);
    assertThat(e.getMessage()).hasSizeLessThan(1000).contains("(attempt 3 of 3)").endsWith("...");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void maxRetriesZeroGivesUpAfterTheFirstFailure() {
    server.enqueue(dropAtResponseStart());
    server.enqueue(TestServers.accepted());

    BasetenIoException e =
        catchThrowableOfType(BasetenIoException.class, () -> update(client(b -> b.maxRetries(0))));

    assertThat(e.getMessage()).contains("failed (attempt 1 of 1)");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void refusedConnectionIsRetriedUntilExhausted() {
    String baseUrl = TestServers.baseUrl(server);
    server.close();

    BasetenIoException e =
        catchThrowableOfType(
            BasetenIoException.class, () -> update(client(b -> b.baseUrl(baseUrl))));

    assertThat(e).isExactlyInstanceOf(BasetenIoException.class);
    assertThat(e.getMessage()).contains("failed (attempt 3 of 3): ConnectException");
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void retryAfterZeroOnServiceUnavailableCountsAsOneAttempt() {
    MockResponse retryNow =
        TestServers.status(503).newBuilder().setHeader("Retry-After", "0").build();
    server.enqueue(retryNow);
    server.enqueue(retryNow);

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class, () -> update(client(b -> b.maxRetries(0))));

    assertThat(e.getMessage()).contains("(attempt 1 of 1)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static MockResponse dropAtRequestStart() {
    return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
  }

  private static MockResponse dropAtResponseStart() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  /** Promises 100 bytes, sends 10, and hangs up. */
  private static MockResponse truncated() {
    return truncated(200, "{\"status\":");
  }

  /** An answer whose body ends, with the connection, long before its Content-Length. */
  private static MockResponse truncated(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .body(body)
        .setHeader("Content-Length", 100)
        .onResponseEnd(new SocketEffect.CloseSocket())
        .build();
  }

  private static MockResponse proxyPage() {
    return new MockResponse.Builder()
        .code(502)
        .setHeader("Content-Type", "text/html")
        .body(PROXY_PAGE)
        .build();
  }

  private AutoscalingUpdate update() {
    return update(client(b -> b));
  }

  private AutoscalingUpdate update(BasetenClientImpl client) {
    return client.deployments().development().updateAutoscaling("abc123", PATCH);
  }

  private BasetenClientImpl client(UnaryOperator<ClientOptions.Builder> configure) {
    ClientOptions.Builder builder =
        ClientOptions.builder()
            .apiKey("test-key")
            .baseUrl(TestServers.baseUrl(server))
            .timing(time, time, () -> 1.0);
    BasetenClientImpl client = new BasetenClientImpl(configure.apply(builder).build());
    clients.add(client);
    return client;
  }
}
