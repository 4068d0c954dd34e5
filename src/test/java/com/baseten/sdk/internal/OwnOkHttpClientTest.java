package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.UnexpectedStatusException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A caller's own OkHttpClient, and copies made with {@code withOptions}. */
class OwnOkHttpClientTest {
  private static final String KEY = "own-client-key-0042";
  private static final String PATH =
      "PATCH /v1/models/abc123/deployments/development/autoscaling_settings";
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().minReplica(0).build();

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger intercepted = new AtomicInteger();
  private OkHttpClient mine;
  private String baseUrl;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    baseUrl = "http://127.0.0.1:" + server.getPort();
    mine =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  intercepted.incrementAndGet();
                  return chain.proceed(
                      chain.request().newBuilder().header("X-From-Interceptor", "yes").build());
                })
            .build();
  }

  @AfterEach
  void stop() {
    mine.dispatcher().executorService().shutdown();
    mine.connectionPool().evictAll();
    server.close();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder()
        .code(200)
        .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
        .build();
  }

  private BasetenClient withMine(BasetenClient.Builder builder) {
    return builder.apiKey(KEY).baseUrl(baseUrl).okHttpClient(mine).build();
  }

  private static AutoscalingUpdate update(BasetenClient client) {
    return client.deployments().development().updateAutoscaling("abc123", PATCH);
  }

  private Response plainGet(OkHttpClient http) throws IOException {
    return http.newCall(new Request.Builder().url(baseUrl + "/plain").build()).execute();
  }

  @Test
  void interceptorOfTheCallersClientSeesEveryAttempt() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("retry-after-ms", "0").build());
    server.enqueue(ok());

    try (BasetenClient client = withMine(BasetenClient.builder())) {
      assertThat(update(client).status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }

    assertThat(intercepted).hasValue(2);
    RecordedRequest first = server.takeRequest(10, SECONDS);
    RecordedRequest retry = server.takeRequest(10, SECONDS);
    assertThat(first.getHeaders().get("X-From-Interceptor")).isEqualTo("yes");
    assertThat(retry.getHeaders().get("X-From-Interceptor")).isEqualTo("yes");
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
  }

  @Test
  void interceptorOfTheCallersClientSeesAsyncCallsToo() throws Exception {
    server.enqueue(ok());

    try (BasetenClient client = withMine(BasetenClient.builder())) {
      client
          .async()
          .deployments()
          .development()
          .updateAutoscaling("abc123", PATCH)
          .get(10, SECONDS);
    }

    assertThat(intercepted).hasValue(1);
    assertThat(server.takeRequest(10, SECONDS).getHeaders().get("X-From-Interceptor"))
        .isEqualTo("yes");
  }

  @Test
  void redirectIsNotFollowedEvenThoughTheCallersClientFollowsRedirects() {
    assertThat(mine.followRedirects()).isTrue();
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
    server.enqueue(ok());

    try (BasetenClient client = withMine(BasetenClient.builder())) {
      assertThatThrownBy(() -> update(client))
          .isExactlyInstanceOf(UnexpectedStatusException.class)
          .hasMessage(PATH + " -> 302 Redirection, redirect to /elsewhere not followed");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sdkTimeoutReplacesTheCallersShorterReadTimeout() {
    OkHttpClient impatient = mine.newBuilder().readTimeout(Duration.ofMillis(100)).build();
    server.enqueue(ok().newBuilder().headersDelay(1, SECONDS).build());

    try (BasetenClient client =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl(baseUrl)
            .okHttpClient(impatient)
            .timeout(Duration.ofSeconds(30))
            .maxRetries(0)
            .build()) {
      assertThat(update(client).status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
  }

  @Test
  void callersClientKeepsWorkingAfterTheSdkClientIsClosed() throws Exception {
    server.enqueue(ok());
    server.enqueue(new MockResponse.Builder().code(200).body("plain").build());
    BasetenClient client = withMine(BasetenClient.builder());
    // An async call puts the caller's dispatcher to work before the close.
    client.async().deployments().development().updateAutoscaling("abc123", PATCH).get(10, SECONDS);

    client.close();

    assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
    try (Response response = plainGet(mine)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("plain");
    }
  }

  @Test
  void callersConnectionPoolIsShared() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("plain").build());
    server.enqueue(ok());

    try (Response response = plainGet(mine)) {
      assertThat(response.body().string()).isEqualTo("plain");
    }
    try (BasetenClient client = withMine(BasetenClient.builder())) {
      update(client);
    }

    RecordedRequest plain = server.takeRequest(10, SECONDS);
    RecordedRequest sdk = server.takeRequest(10, SECONDS);
    assertThat(sdk.getConnectionIndex()).isEqualTo(plain.getConnectionIndex());
  }

  @Test
  void withOptionsReturnsACopyWithTheChangedSettings() {
    try (BasetenClient original = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build();
        BasetenClient copy =
            original.withOptions(b -> b.maxRetries(0).timeout(Duration.ofSeconds(5)))) {
      assertThat(copy).isNotSameAs(original);
      assertThat(original.toString())
          .isEqualTo(
              "BasetenClient{baseUrl="
                  + baseUrl
                  + "/, timeout=60s, connectTimeout=10s, maxRetries=2, deadline=120s,"
                  + " maxRetryAfter=60s}");
      assertThat(copy.toString())
          .isEqualTo(
              "BasetenClient{baseUrl="
                  + baseUrl
                  + "/, timeout=5s, connectTimeout=10s, maxRetries=0, deadline=120s,"
                  + " maxRetryAfter=60s}");
      assertThat(original.toString()).doesNotContain(KEY);
      assertThat(copy.toString()).doesNotContain(KEY);
      assertThat(copy.async().toString()).doesNotContain(KEY);
    }
  }

  @Test
  void withOptionsCopyKeepsTheKeyAndBaseUrlAndAppliesItsRetries() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).setHeader("retry-after-ms", "0").build());
    server.enqueue(ok());

    try (BasetenClient original = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build();
        BasetenClient copy = original.withOptions(b -> b.maxRetries(0))) {
      assertThatThrownBy(() -> update(copy))
          .hasMessage(PATH + " -> 500 Internal Server Error (attempt 1 of 1)");
    }

    RecordedRequest request = server.takeRequest(10, SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
    assertThat(request.getTarget())
        .isEqualTo("/v1/models/abc123/deployments/development/autoscaling_settings");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withOptionsCopySharesTheConnectionPool() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());

    try (BasetenClient original = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build();
        BasetenClient copy =
            original.withOptions(b -> b.maxRetries(0).timeout(Duration.ofSeconds(5)))) {
      update(original);
      update(copy);
    }

    RecordedRequest first = server.takeRequest(10, SECONDS);
    RecordedRequest second = server.takeRequest(10, SECONDS);
    assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).isEqualTo(first.getExchangeIndex() + 1);
  }

  @Test
  void closingTheCopyLeavesTheOriginalWorking() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());

    try (BasetenClient original = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build()) {
      BasetenClient copy = original.withOptions(b -> b.maxRetries(0));
      copy.close();

      assertThatThrownBy(() -> update(copy))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("this BasetenClient is closed");
      assertThat(update(original).status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
      assertThat(
              original
                  .async()
                  .deployments()
                  .development()
                  .updateAutoscaling("abc123", PATCH)
                  .get(10, SECONDS)
                  .status())
          .isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
  }

  @Test
  void copyOfAClosedClientRefusesCallsWithAClearMessage() {
    BasetenClient original = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build();
    try (BasetenClient copy = original.withOptions(b -> b.maxRetries(0))) {
      original.close();

      String expected =
          "the BasetenClient this one was made from with withOptions() is closed, and with it"
              + " the connections they share: close copies before the original";
      assertThatThrownBy(() -> copy.deployments().development().updateAutoscaling("a", PATCH))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(expected);
      assertThatThrownBy(
              () -> copy.async().deployments().development().updateAutoscaling("a", PATCH))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage(expected);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void asyncCallRejectedByACallersShutDownDispatcherLeavesTheCallerUninterrupted()
      throws Exception {
    OkHttpClient mine = new OkHttpClient();
    mine.dispatcher().executorService().shutdown();
    try (BasetenClient client =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl(baseUrl)
            .okHttpClient(mine)
            .maxRetries(0)
            .build()) {
      CompletableFuture<AutoscalingUpdate> future =
          client.async().deployments().development().updateAutoscaling("a", PATCH);

      assertThat(Thread.interrupted()).isFalse();
      assertThatThrownBy(() -> future.get(10, SECONDS))
          .cause()
          .isExactlyInstanceOf(BasetenIoException.class)
          .hasMessage(
              "PATCH /v1/models/a/deployments/development/autoscaling_settings failed:"
                  + " InterruptedIOException: executor rejected");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void withOptionsCopyKeepsTheCallbackExecutor() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, SECONDS);
            return ok();
          }
        });
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "original-callbacks"));
    AtomicReference<String> thread = new AtomicReference<>();
    try (BasetenClient original =
            BasetenClient.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl)
                .callbackExecutor(callbacks)
                .build();
        BasetenClient copy = original.withOptions(b -> b.maxRetries(0))) {
      CompletableFuture<AutoscalingUpdate> future =
          copy.async()
              .deployments()
              .development()
              .updateAutoscaling("abc123", PATCH)
              .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
      release.countDown();

      future.get(10, SECONDS);
    } finally {
      callbacks.shutdownNow();
    }
    assertThat(thread.get()).isEqualTo("original-callbacks");
  }

  @Test
  void withOptionsRejectsANullChange() {
    try (BasetenClient client = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build()) {
      assertThatThrownBy(() -> client.withOptions(null))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("change == null");
    }
  }

  @Test
  void withOptionsValidatesTheChangedSettings() {
    try (BasetenClient client = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build()) {
      assertThatThrownBy(() -> client.withOptions(b -> b.baseUrl("http://example.com")))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("baseUrl uses http:// to a host that is not loopback");
    }
  }

  @Test
  void closeIsSafeToRepeat() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("plain").build());
    BasetenClient client = withMine(BasetenClient.builder());

    client.close();
    client.close();

    assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
    try (Response response = plainGet(mine)) {
      assertThat(response.code()).isEqualTo(200);
    }
  }
}
