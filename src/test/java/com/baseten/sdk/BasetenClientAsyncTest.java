package com.baseten.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.services.DevelopmentDeploymentServiceAsync;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BasetenClientAsyncTest {
  private static final String KEY = "async-test-key";
  private static final String OK_BODY =
      "{\"status\":\"ACCEPTED\",\"message\":\"Settings updated.\"}";
  private static final AutoscalingPatch PATCH =
      AutoscalingPatch.builder().minReplica(0).maxReplica(1).build();

  private final MockWebServer server = new MockWebServer();
  private BasetenClient client;

  @BeforeEach
  void startServer() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = clientFor("http://127.0.0.1:" + server.getPort(), BasetenClient.builder());
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }

  private static BasetenClient clientFor(String baseUrl, BasetenClient.Builder builder) {
    return builder.apiKey(KEY).baseUrl(baseUrl).build();
  }

  private DevelopmentDeploymentServiceAsync asyncDevelopment() {
    return client.async().deployments().development();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(OK_BODY)
        .build();
  }

  @Test
  void asyncUpdateCompletesWithTheServersAnswer() throws Exception {
    server.enqueue(ok());

    AutoscalingUpdate result =
        asyncDevelopment().updateAutoscaling("abc123", PATCH).get(10, SECONDS);

    assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(result.message()).isEqualTo("Settings updated.");
  }

  @Test
  void asyncUpdateSendsTheSameRequestAsTheSyncCall() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());

    client.deployments().development().updateAutoscaling("abc123", PATCH);
    asyncDevelopment().updateAutoscaling("abc123", PATCH).get(10, SECONDS);

    RecordedRequest sync = server.takeRequest(10, SECONDS);
    RecordedRequest async = server.takeRequest(10, SECONDS);
    assertThat(async.getRequestLine()).isEqualTo(sync.getRequestLine());
    assertThat(async.getRequestLine())
        .isEqualTo("PATCH /v1/models/abc123/deployments/development/autoscaling_settings HTTP/1.1");
    assertThat(async.getHeaders()).isEqualTo(sync.getHeaders());
    assertThat(async.getBody()).isEqualTo(sync.getBody());
    assertThat(async.getBody().utf8()).isEqualTo("{\"min_replica\":0,\"max_replica\":1}");
  }

  @Test
  void patchBreakingARuleCannotBeBuiltSoNoAsyncCallStarts() {
    assertThatThrownBy(() -> AutoscalingPatch.builder().minReplica(3).maxReplica(2).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("minReplica > maxReplica: 3 > 2");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nullModelIdIsThrownByTheAsyncCallItselfBeforeAnyIo() {
    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling(null, PATCH))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("modelId == null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void blankModelIdIsThrownByTheAsyncCallItselfBeforeAnyIo() {
    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling(" \t", PATCH))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be blank: \" \\u0009\"");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void dotDotModelIdIsThrownByTheAsyncCallItselfBeforeAnyIo() {
    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling("..", PATCH))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be \".\" or \"..\": \"..\"");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nullPatchAndNullOptionsAreThrownByTheAsyncCallItself() {
    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling("abc123", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("patch == null");
    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling("abc123", PATCH, null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("options == null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void asyncCallOnAClosedClientThrowsAtOnce() {
    client.close();

    assertThatThrownBy(() -> asyncDevelopment().updateAutoscaling("abc123", PATCH))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this BasetenClient is closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void http404CompletesExceptionallyWithTheSyncCallsException() throws Exception {
    MockResponse notFound =
        new MockResponse.Builder()
            .code(404)
            .setHeader("x-request-id", "req-404")
            .body("{\"message\":\"Model abc123 not found\"}")
            .build();
    server.enqueue(notFound);
    server.enqueue(notFound);

    Throwable syncFailure =
        catchThrowable(() -> client.deployments().development().updateAutoscaling("abc123", PATCH));
    CompletableFuture<AutoscalingUpdate> future =
        asyncDevelopment().updateAutoscaling("abc123", PATCH);

    assertThatThrownBy(() -> future.get(10, SECONDS))
        .isExactlyInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage(syncFailure.getMessage())
        .hasMessage(
            "PATCH /v1/models/abc123/deployments/development/autoscaling_settings"
                + " -> 404 Not Found (request id req-404): Model abc123 not found");
    assertThat(syncFailure).isExactlyInstanceOf(NotFoundException.class);
    assertThat(future).isCompletedExceptionally();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void asyncCallRetriesA429AfterTheRetryAfterWait() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
    server.enqueue(ok());

    AutoscalingUpdate result =
        asyncDevelopment().updateAutoscaling("abc123", PATCH).get(10, SECONDS);

    assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void asyncCallRetriesA503AfterTheRetryAfterMsWait() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "10").build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "10").build());
    server.enqueue(ok());

    AutoscalingUpdate result =
        asyncDevelopment().updateAutoscaling("abc123", PATCH).get(10, SECONDS);

    assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void asyncCallThatExhaustsItsRetriesFailsWithTheLastAnswer() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "0").build());
    }

    CompletableFuture<AutoscalingUpdate> future =
        asyncDevelopment().updateAutoscaling("abc123", PATCH);

    assertThatThrownBy(() -> future.get(10, SECONDS))
        .cause()
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessage(
            "PATCH /v1/models/abc123/deployments/development/autoscaling_settings"
                + " -> 503 Service Unavailable (attempt 3 of 3)");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlight() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        BasetenClient stalled =
            clientFor("http://127.0.0.1:" + silent.getLocalPort(), BasetenClient.builder())) {
      CompletableFuture<AutoscalingUpdate> future =
          stalled.async().deployments().development().updateAutoscaling("abc123", PATCH);

      try (Socket accepted = silent.accept()) {
        accepted.setSoTimeout(10_000);
        InputStream in = accepted.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("PATCH /v1/models/abc123/");

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertThatThrownBy(() -> future.get(10, SECONDS)).isInstanceOf(CancellationException.class);
        // The client closes its end: the server reads end-of-stream, not a timeout.
        assertThat(closedByPeer(in)).isTrue();
      }
      // No retry after a cancel: nobody else connects.
      silent.setSoTimeout(500);
      assertThatThrownBy(silent::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void cancellingTheFutureDuringARetryWaitCancelsTheRetry() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "500").build());
    server.enqueue(ok());
    CountDownLatch retryScheduled = new CountDownLatch(1);
    Handler onRetry =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getMessage().contains("retrying in 500ms")) {
              retryScheduled.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger http = Logger.getLogger("com.baseten.sdk.http");
    http.addHandler(onRetry);
    try {
      CompletableFuture<AutoscalingUpdate> future =
          asyncDevelopment().updateAutoscaling("abc123", PATCH);
      assertThat(retryScheduled.await(10, SECONDS)).isTrue();

      assertThat(future.cancel(true)).isTrue();
      Thread.sleep(1000); // twice the 500 ms the server asked for

      assertThat(future).isCancelled();
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      http.removeHandler(onRetry);
    }
  }

  @Test
  void futureCompletesOnAnOkHttpThreadNeverOnTheCommonPool() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(gated(release));
    AtomicReference<Thread> applied = new AtomicReference<>();
    AtomicReference<Thread> completed = new AtomicReference<>();

    CompletableFuture<String> future =
        asyncDevelopment()
            .updateAutoscaling("abc123", PATCH)
            .thenApply(
                update -> {
                  applied.set(Thread.currentThread());
                  return update.rawStatus();
                })
            .whenComplete((value, failure) -> completed.set(Thread.currentThread()));
    release.countDown();

    assertThat(future.get(10, SECONDS)).isEqualTo("ACCEPTED");
    assertThat(applied.get()).isNotNull().isSameAs(completed.get());
    assertThat(applied.get()).isNotSameAs(Thread.currentThread());
    assertThat(applied.get()).isNotInstanceOf(ForkJoinWorkerThread.class);
    assertThat(applied.get().getName()).startsWith("OkHttp").doesNotContain("ForkJoinPool");
  }

  @Test
  void futureCompletesOnTheCallbackExecutorWhenOneIsSet() throws Exception {
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "my-callbacks"));
    try (BasetenClient withExecutor =
        clientFor(
            "http://127.0.0.1:" + server.getPort(),
            BasetenClient.builder().callbackExecutor(callbacks))) {
      CountDownLatch release = new CountDownLatch(1);
      server.setDispatcher(gated(release));
      AtomicReference<Thread> applied = new AtomicReference<>();
      AtomicReference<Thread> completed = new AtomicReference<>();

      CompletableFuture<String> future =
          withExecutor
              .async()
              .deployments()
              .development()
              .updateAutoscaling("abc123", PATCH)
              .thenApply(
                  update -> {
                    applied.set(Thread.currentThread());
                    return update.rawStatus();
                  })
              .whenComplete((value, failure) -> completed.set(Thread.currentThread()));
      release.countDown();

      assertThat(future.get(10, SECONDS)).isEqualTo("ACCEPTED");
      assertThat(applied.get().getName()).isEqualTo("my-callbacks");
      assertThat(completed.get().getName()).isEqualTo("my-callbacks");
    } finally {
      callbacks.shutdownNow();
    }
  }

  @Test
  void failureAlsoCompletesOnTheCallbackExecutor() throws Exception {
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "my-callbacks"));
    try (BasetenClient withExecutor =
        clientFor(
            "http://127.0.0.1:" + server.getPort(),
            BasetenClient.builder().callbackExecutor(callbacks))) {
      CountDownLatch release = new CountDownLatch(1);
      server.setDispatcher(gated(release, new MockResponse.Builder().code(404).build()));
      AtomicReference<Thread> completed = new AtomicReference<>();

      CompletableFuture<AutoscalingUpdate> future =
          withExecutor.async().deployments().development().updateAutoscaling("abc123", PATCH);
      CompletableFuture<AutoscalingUpdate> observed =
          future.whenComplete((value, failure) -> completed.set(Thread.currentThread()));
      release.countDown();

      assertThatThrownBy(() -> observed.get(10, SECONDS))
          .cause()
          .isExactlyInstanceOf(NotFoundException.class);
      assertThat(completed.get().getName()).isEqualTo("my-callbacks");
    } finally {
      callbacks.shutdownNow();
    }
  }

  @Test
  void asyncViewIsTheSameInstanceAndLeadsBackToItsClient() {
    assertThat(client.async()).isSameAs(client.async());
    assertThat(client.async().sync()).isSameAs(client);
    assertThat(client.async().deployments().development())
        .isSameAs(client.async().deployments().development());
  }

  @Test
  void asyncViewToStringNamesTheClientButNotTheKey() {
    assertThat(client.async().toString())
        .startsWith("BasetenClientAsync{BasetenClient{baseUrl=http://127.0.0.1:")
        .doesNotContain(KEY);
  }

  /** Answers {@code response} to every request, but only once {@code release} opens. */
  private static Dispatcher gated(CountDownLatch release, MockResponse response) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await(10, SECONDS);
        return response;
      }
    };
  }

  private static Dispatcher gated(CountDownLatch release) {
    return gated(release, ok());
  }

  /** Reads an HTTP request head, up to and including the blank line. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /**
   * Reads and discards the rest of the request until the peer closes its end; a read timeout (the
   * socket's SO_TIMEOUT) is thrown instead.
   */
  private static boolean closedByPeer(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    try {
      while (in.read(buffer) != -1) {
        continue;
      }
      return true;
    } catch (SocketException e) {
      return true; // a reset: the peer closed too
    }
  }
}
