package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Many threads share one client while the server fails some requests at random. */
class LoadTest {
  private static final int THREADS = 64;
  private static final int CALLS_PER_THREAD = 200;
  private static final int CALLS = THREADS * CALLS_PER_THREAD;
  private static final int ASYNC_CALLS = 256;
  private static final AutoscalingPatch PATCH =
      AutoscalingPatch.builder().minReplica(0).maxReplica(4).build();

  @Test
  void sixtyFourThreadsShareOneClientThroughRandomFailures() throws Exception {
    FlakyDispatcher dispatcher = new FlakyDispatcher(new Random(20260302L));
    TestServers.Sockets sockets = new TestServers.Sockets();
    AtomicInteger waits = new AtomicInteger();
    Set<String> okHttpThreadsBefore = okHttpThreadNames();

    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(dispatcher);
      TestServers.start(server, sockets);
      // The clock stands still and waits return at once: 64 threads must not share fake time,
      // or one thread's waits would use up another's deadline.
      Clock frozen =
          new Clock() {
            @Override
            public long nanoTime() {
              return 0;
            }

            @Override
            public long currentTimeMillis() {
              return FakeTime.START.toEpochMilli();
            }
          };
      BasetenClientImpl client =
          new BasetenClientImpl(
              ClientOptions.builder()
                  .apiKey("test-key")
                  .baseUrl(TestServers.baseUrl(server))
                  .timing(frozen, d -> waits.incrementAndGet(), () -> 1.0)
                  .build());

      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger accepted = new AtomicInteger();
      assertTimeoutPreemptively(
          Duration.ofSeconds(120),
          () -> runCalls(client, accepted, failures),
          "64 threads x 200 calls did not finish: a hang");

      assertThat(failures).isEmpty();
      assertThat(accepted.get()).isEqualTo(CALLS);
      assertThat(dispatcher.failed.get()).isPositive();
      assertThat(server.getRequestCount()).isEqualTo(CALLS + dispatcher.failed.get());
      assertThat(waits.get()).isEqualTo(dispatcher.failed.get());

      Set<Integer> connections = new HashSet<>();
      for (RecordedRequest request; (request = server.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
        connections.add(request.getConnectionIndex());
      }
      // Reuse, not a tight bound: OkHttp's default pool keeps only 5 idle connections, so 64
      // threads churn through a few hundred connections (see the report on the pool size).
      assertThat(connections.size()).isPositive().isLessThan(server.getRequestCount() / 10);
      assertThat(sockets.open()).isNotEmpty();

      // Async calls too, so that OkHttp's dispatcher threads exist and close() must stop them.
      int requestsBeforeAsync = server.getRequestCount();
      List<CompletableFuture<AutoscalingUpdate>> futures = new ArrayList<>();
      for (int i = 0; i < ASYNC_CALLS; i++) {
        futures.add(
            client.async().deployments().development().updateAutoscaling("async-" + i, PATCH));
      }
      for (CompletableFuture<AutoscalingUpdate> future : futures) {
        assertThat(future.get(60, TimeUnit.SECONDS).status())
            .isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
      }
      assertThat(server.getRequestCount() - requestsBeforeAsync)
          .isGreaterThanOrEqualTo(ASYNC_CALLS);
      okhttp3.OkHttpClient http = client.transport().http();
      assertThat(http.dispatcher().executorService().isShutdown()).isFalse();
      int requestsAtClose = server.getRequestCount();

      client.close();

      assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
      assertThat(http.dispatcher().executorService().awaitTermination(10, TimeUnit.SECONDS))
          .as("OkHttp's dispatcher threads stop after close()")
          .isTrue();
      assertThat(http.connectionPool().connectionCount()).isZero();

      awaitAllClosed(sockets, "close() left pooled connections open");
      assertThatThrownBy(() -> update(client, "after-close"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this BasetenClient is closed");
      assertThat(server.getRequestCount()).isEqualTo(requestsAtClose);
    }
    Set<String> leftOver = okHttpThreadNames();
    leftOver.removeAll(okHttpThreadsBefore);
    assertThat(leftOver).isEmpty();
  }

  @Test
  void connectionOfACallInFlightAtCloseIsClosedWhenTheCallEnds() throws Exception {
    TestServers.Sockets sockets = new TestServers.Sockets();
    try (MockWebServer server = new MockWebServer()) {
      TestServers.start(server, sockets);
      server.enqueue(
          TestServers.accepted().newBuilder().headersDelay(300, TimeUnit.MILLISECONDS).build());
      BasetenClientImpl client =
          new BasetenClientImpl(
              ClientOptions.builder()
                  .apiKey("test-key")
                  .baseUrl(TestServers.baseUrl(server))
                  .build());
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        Future<AutoscalingUpdate> inFlight = caller.submit(() -> update(client, "abc123"));
        server.takeRequest();
        client.close();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).status())
            .isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
        awaitAllClosed(sockets, "the connection of the call in flight stayed open after close()");
      } finally {
        caller.shutdownNow();
      }
    }
  }

  private static void runCalls(
      BasetenClientImpl client, AtomicInteger accepted, Queue<Throwable> failures)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        pool.execute(
            () -> {
              try {
                go.await();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                  AutoscalingUpdate update = update(client, "m-" + thread + "-" + i);
                  if (update.status() == AutoscalingUpdate.Status.ACCEPTED) {
                    accepted.incrementAndGet();
                  }
                }
              } catch (Throwable e) {
                failures.add(e);
              }
            });
      }
      go.countDown();
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.DAYS);
    }
  }

  /**
   * Waits until the server has seen every connection closed by the client. The bound is a hang
   * guard, not a timing assertion: a closed socket is seen within milliseconds.
   */
  private static void awaitAllClosed(TestServers.Sockets sockets, String failureMessage) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          while (!sockets.open().isEmpty()) {
            Thread.sleep(10);
          }
        },
        failureMessage);
  }

  private static AutoscalingUpdate update(BasetenClientImpl client, String modelId) {
    return client.deployments().development().updateAutoscaling(modelId, PATCH);
  }

  /** Names of live non-daemon threads whose name mentions OkHttp. */
  private static Set<String> okHttpThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().contains("OkHttp"))
        .map(Thread::getName)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Answers 200, or 503 for about one request in 20, but never fails the same call (the same model
   * id) a third time, so that every call succeeds within the default two retries.
   */
  static final class FlakyDispatcher extends Dispatcher {
    final AtomicInteger failed = new AtomicInteger();
    private final Random random;
    private final Map<String, Integer> failuresByPath = new HashMap<>();

    FlakyDispatcher(Random random) {
      this.random = random;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getTarget();
      boolean fail;
      synchronized (this) {
        fail = random.nextInt(20) == 0 && failuresByPath.getOrDefault(path, 0) < 2;
        if (fail) {
          failuresByPath.merge(path, 1, Integer::sum);
        }
      }
      if (fail) {
        failed.incrementAndGet();
        return TestServers.status(503);
      }
      return TestServers.accepted();
    }
  }
}
