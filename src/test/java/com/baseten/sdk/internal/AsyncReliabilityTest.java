package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.RateLimitException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous path's promise that a future always completes, and the limits that bound a call:
 * the deadline, per-call timeouts, and the closing of the client.
 */
class AsyncReliabilityTest {
  private static final String KEY = "test-key-0001";
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(1).build();

  private MockWebServer server;

  @BeforeEach
  void startServer() {
    server = TestServers.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private BasetenClient.Builder client() {
    return BasetenClient.builder().apiKey(KEY).baseUrl(TestServers.baseUrl(server));
  }

  @Test
  void closingTheClientFailsACallWaitingToRetry() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("retry-after-ms", "30000")
            .body("{\"message\":\"busy\"}")
            .build());
    BasetenClient client = client().build();
    CompletableFuture<AutoscalingUpdate> future =
        client.async().deployments().development().updateAutoscaling("abc123", PATCH);
    server.takeRequest(10, SECONDS); // the first attempt reached the server; now it waits 30 s

    client.close();

    assertThatThrownBy(() -> future.get(10, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasMessage(
            "PATCH "
                + TestServers.PATH
                + " stopped: the client was closed while waiting to retry (attempt 1 of 3)")
        .cause()
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("503 Service Unavailable");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterceptorThatThrowsCompletesTheFutureInsteadOfLeavingItPending() {
    OkHttpClient broken =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  throw new IllegalStateException("interceptor bug");
                })
            .build();
    try (BasetenClient client = client().okHttpClient(broken).build()) {
      CompletableFuture<AutoscalingUpdate> future =
          client.async().deployments().development().updateAutoscaling("abc123", PATCH);

      assertThatThrownBy(() -> future.get(10, SECONDS))
          .cause()
          .isExactlyInstanceOf(BasetenIoException.class)
          .hasMessageStartingWith(
              "PATCH " + TestServers.PATH + " failed: IOException: canceled due to")
          .hasMessageContaining("interceptor bug");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCallbackExecutorThatThrowsStillCompletesTheFuture() throws Exception {
    server.enqueue(TestServers.accepted());
    Executor broken =
        command -> {
          throw new IllegalStateException("executor bug");
        };
    try (BasetenClient client = client().callbackExecutor(broken).build()) {
      CompletableFuture<AutoscalingUpdate> future =
          client.async().deployments().development().updateAutoscaling("abc123", PATCH);

      assertThat(future.get(10, SECONDS).status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
  }

  @Test
  void timeQueuedInOkHttpsDispatcherCountsTowardsTheDeadline() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            Thread.sleep(400);
            return TestServers.accepted();
          }
        });
    OkHttpClient oneAtATime = new OkHttpClient();
    oneAtATime.dispatcher().setMaxRequestsPerHost(1);
    try (BasetenClient client =
        client().okHttpClient(oneAtATime).deadline(Duration.ofSeconds(1)).maxRetries(0).build()) {
      List<CompletableFuture<AutoscalingUpdate>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(client.async().deployments().development().updateAutoscaling("m" + i, PATCH));
      }
      int succeeded = 0;
      List<Throwable> failures = new ArrayList<>();
      for (CompletableFuture<AutoscalingUpdate> future : futures) {
        try {
          future.get(30, SECONDS);
          succeeded++;
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }

      // Six calls of 400 ms each, one at a time, cannot all end within a 1 s deadline that
      // starts when each call is made: at most three fit.
      assertThat(succeeded).isLessThanOrEqualTo(3);
      assertThat(failures).hasSize(6 - succeeded);
      assertThat(failures)
          .allSatisfy(f -> assertThat(f).isInstanceOf(BasetenTimeoutException.class));
    }
  }

  @Test
  void aPerCallTimeoutLongerThanTheClientsIsHonoured() {
    server.enqueue(
        TestServers.accepted()
            .newBuilder()
            .headersDelay(700, java.util.concurrent.TimeUnit.MILLISECONDS)
            .build());
    try (BasetenClient client = client().timeout(Duration.ofMillis(200)).maxRetries(0).build()) {
      AutoscalingUpdate result =
          client
              .deployments()
              .development()
              .updateAutoscaling(
                  "abc123",
                  PATCH,
                  RequestOptions.builder().timeout(Duration.ofSeconds(20)).build());

      assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
  }

  @Test
  void aRetryAfterOfYearsWithAHugeMaxRetryAfterStopsAtTheDeadlineWithoutOverflow()
      throws Exception {
    MockResponse years =
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "999999999999")
            .body("{\"message\":\"later\"}")
            .build();
    server.enqueue(years);
    server.enqueue(years);
    try (BasetenClient client =
        client().maxRetryAfter(Duration.ofSeconds(Long.MAX_VALUE)).build()) {
      assertThatThrownBy(() -> client.deployments().development().updateAutoscaling("a", PATCH))
          .isExactlyInstanceOf(RateLimitException.class)
          .hasMessageContaining("attempt 1 of 3; deadline 120s reached");

      CompletableFuture<AutoscalingUpdate> future =
          client.async().deployments().development().updateAutoscaling("a", PATCH);
      assertThatThrownBy(() -> future.get(10, SECONDS))
          .cause()
          .isExactlyInstanceOf(RateLimitException.class)
          .hasMessageContaining("deadline 120s reached");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aCopyOfACopyIsRefusedOnceTheClientOwningTheConnectionsCloses() {
    BasetenClient original = client().build();
    BasetenClient copy = original.withOptions(b -> b.maxRetries(0));
    BasetenClient copyOfCopy = copy.withOptions(b -> b.maxRetries(1));

    original.close();

    assertThatThrownBy(() -> copyOfCopy.deployments().development().updateAutoscaling("a", PATCH))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the BasetenClient this one was made from with withOptions()");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void copiesOfAClientOnTheCallersOkHttpClientOutliveIt() {
    server.enqueue(TestServers.accepted());
    BasetenClient original = client().okHttpClient(new OkHttpClient()).build();
    BasetenClient copy = original.withOptions(b -> b.maxRetries(0));

    original.close(); // releases nothing: the connections belong to the caller

    assertThat(copy.deployments().development().updateAutoscaling("a", PATCH).status())
        .isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    copy.close();
  }

  @Test
  void withOptionsCopiesDoNotStackTheSdksInterceptors() {
    BasetenClientImpl original = (BasetenClientImpl) client().build();
    BasetenClientImpl copy = (BasetenClientImpl) original.withOptions(b -> b.maxRetries(0));
    BasetenClientImpl copyOfCopy = (BasetenClientImpl) copy.withOptions(b -> b.maxRetries(1));

    assertThat(copyOfCopy.transport().http().interceptors())
        .hasSameSizeAs(original.transport().http().interceptors())
        .hasSize(1);
    assertThat(copyOfCopy.transport().http().networkInterceptors()).hasSize(1);
    original.close();
  }
}
