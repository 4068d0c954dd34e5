package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.errors.RateLimitException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  private static final AutoscalingPatch PATCH =
      AutoscalingPatch.builder().minReplica(0).maxReplica(2).build();

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
  void serviceUnavailableThenOkSucceedsAfterOneFullBackoff() throws Exception {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());

    AutoscalingUpdate update = update(client(1.0));

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void zeroJitterWaitsThreeQuartersOfTheBackoff() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());

    update(client(0.0));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(375));
  }

  @Test
  void eachRetryDrawsFreshJitter() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());
    Iterator<Double> jitters = List.of(0.0, 1.0).iterator();

    update(client(b -> b, jitters::next));

    assertThat(time.waits()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(1000));
  }

  @Test
  void retryResendsTheSameRequest() throws Exception {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());

    update(client(1.0));

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getRequestLine()).isEqualTo(first.getRequestLine());
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(second.getBody().utf8()).isEqualTo("{\"min_replica\":0,\"max_replica\":2}");
    assertThat(second.getHeaders().get("Authorization"))
        .isEqualTo(first.getHeaders().get("Authorization"));
  }

  @ParameterizedTest(name = "{0} then 200 succeeds")
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void everyTransientStatusIsRetried(int code) {
    server.enqueue(TestServers.status(code));
    server.enqueue(TestServers.accepted());

    assertThat(update(client(1.0)).message()).isEqualTo("settings updated");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void threeInternalServerErrorsExhaustTheRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(TestServers.json(500, "{\"message\":\"database unavailable\"}"));
    }

    InternalServerException e =
        catchThrowableOfType(InternalServerException.class, () -> update(client(1.0)));

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.getMessage())
        .isEqualTo(
            "PATCH "
                + TestServers.PATH
                + " -> 500 Internal Server Error (attempt 3 of 3): database unavailable");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void badRequestIsNeverRetried() {
    server.enqueue(TestServers.json(400, "{\"message\":\"max_replica must be <= 10\"}"));

    BadRequestException e =
        catchThrowableOfType(BadRequestException.class, () -> update(client(1.0)));

    assertThat(e.getMessage())
        .isEqualTo("PATCH " + TestServers.PATH + " -> 400 Bad Request: max_replica must be <= 10");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void notFoundIsNotRetried() {
    server.enqueue(TestServers.json(404, "{\"detail\":\"model not found\"}"));

    assertThatThrownBy(() -> update(client(1.0)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageEndingWith("-> 404 Not Found: model not found");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void retryAfterSecondsReplacesTheBackoff() {
    server.enqueue(rateLimited("Retry-After", "1"));
    server.enqueue(TestServers.accepted());

    update(client(1.0));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retryAfterDateInThePastRetriesWithoutWaiting() {
    server.enqueue(rateLimited("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
    server.enqueue(TestServers.accepted());

    update(client(1.0));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ZERO);
  }

  @Test
  void retryAfterDateInTheFutureWaitsUntilThen() {
    String inTwoSeconds = RetryPolicyTest.httpDate(time.now().plusSeconds(2).toEpochMilli());
    server.enqueue(rateLimited("Retry-After", inTwoSeconds));
    server.enqueue(TestServers.accepted());

    update(client(1.0));

    assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterMsWaitsThatManyMilliseconds() {
    server.enqueue(rateLimited("retry-after-ms", "250"));
    server.enqueue(TestServers.accepted());

    update(client(1.0));

    assertThat(time.waits()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void retryAfterLongerThanMaxRetryAfterThrowsAtOnceWithTheWait() {
    server.enqueue(rateLimited("Retry-After", "3600"));
    server.enqueue(TestServers.accepted());

    RateLimitException e =
        catchThrowableOfType(RateLimitException.class, () -> update(client(1.0)));

    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(e.getMessage())
        .isEqualTo(
            "PATCH "
                + TestServers.PATH
                + " -> 429 Too Many Requests (attempt 1 of 3; server asked to retry after 3600s,"
                + " more than maxRetryAfter 60s): slow down");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void retryAfterEqualToMaxRetryAfterIsHonoured() {
    server.enqueue(rateLimited("Retry-After", "5"));
    server.enqueue(rateLimited("Retry-After", "6"));

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> update(client(b -> b.maxRetryAfter(Duration.ofSeconds(5)), () -> 1.0)));

    assertThat(e.getMessage())
        .contains("server asked to retry after 6s, more than maxRetryAfter 5s");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void maxRetriesZeroMakesOneAttempt() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class, () -> update(client(b -> b.maxRetries(0), () -> 1.0)));

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.getMessage()).contains("(attempt 1 of 1)");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void deadlineStopsRetriesWhoseWaitWouldEndPastIt() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(TestServers.status(503));
    }

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () -> update(client(b -> b.deadline(Duration.ofSeconds(1)), () -> 1.0)));

    // 500 ms fits in the 1 s deadline; the next 1 s wait would end at 1.5 s.
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(e.getMessage()).contains("(attempt 2 of 3; deadline 1s reached)");
  }

  @Test
  void attemptThatWouldStartWithLessThanASecondLeftIsNotStarted() {
    MockResponse limited =
        TestServers.status(429).newBuilder().setHeader("retry-after-ms", "9500").build();
    server.enqueue(limited);
    server.enqueue(TestServers.accepted());

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> update(client(b -> b.deadline(Duration.ofSeconds(10)), () -> 1.0)));

    // The wait fits in the deadline, but would leave 0.5 s: the server's 429 is the answer.
    assertThat(e.getMessage()).contains("(attempt 1 of 3; deadline 10s reached)");
    assertThat(e.retryAfter()).contains(Duration.ofMillis(9500));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void shortDeadlineKeepsAQuarterOfItselfForTheNextAttempt() {
    MockResponse unavailable =
        TestServers.status(503).newBuilder().setHeader("retry-after-ms", "1600").build();
    server.enqueue(unavailable);
    server.enqueue(unavailable);
    server.enqueue(TestServers.accepted());

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () -> update(client(b -> b.deadline(Duration.ofSeconds(2)).maxRetries(5), () -> 1.0)));

    // 1.6 s + a quarter of 2 s is past the deadline; 1.6 s alone would not be.
    assertThat(e.getMessage()).contains("(attempt 1 of 6; deadline 2s reached)");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void shortDeadlineStillRetriesWhenAQuarterOfItIsLeft() {
    MockResponse unavailable =
        TestServers.status(503).newBuilder().setHeader("retry-after-ms", "1500").build();
    server.enqueue(unavailable);
    server.enqueue(TestServers.accepted());

    AutoscalingUpdate update = update(client(b -> b.deadline(Duration.ofSeconds(2)), () -> 1.0));

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(1500));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterPastTheDeadlineIsNotWaitedFor() {
    MockResponse unavailable =
        TestServers.status(503).newBuilder().setHeader("Retry-After", "5").build();
    server.enqueue(unavailable);
    server.enqueue(TestServers.accepted());

    BasetenServiceException e =
        catchThrowableOfType(
            BasetenServiceException.class,
            () -> update(client(b -> b.deadline(Duration.ofSeconds(2)), () -> 1.0)));

    assertThat(e.getMessage()).contains("(attempt 1 of 3; deadline 2s reached)");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void interruptDuringBackoffStopsAndKeepsTheInterrupt() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.accepted());
    Sleeper interrupted =
        d -> {
          throw new InterruptedException("sleep interrupted");
        };
    BasetenClientImpl client =
        track(new BasetenClientImpl(options(b -> b).timing(time, interrupted, () -> 1.0).build()));

    try {
      BasetenIoException e = catchThrowableOfType(BasetenIoException.class, () -> update(client));

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(e).hasCauseInstanceOf(InterruptedException.class);
      assertThat(e.getMessage())
          .isEqualTo(
              "PATCH "
                  + TestServers.PATH
                  + " interrupted while waiting 500ms to retry (attempt 1 of 3)");
      assertThat(e.getSuppressed()).singleElement().isInstanceOf(InternalServerException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptingARealWaitStopsTheCall() {
    // Real time: the server asks for 30 s, and the interrupt must cut that wait short.
    server.enqueue(TestServers.status(503).newBuilder().setHeader("Retry-After", "30").build());
    server.enqueue(TestServers.accepted());
    CountDownLatch waiting = new CountDownLatch(1);
    Sleeper signalling =
        d -> {
          waiting.countDown();
          Sleeper.SYSTEM.sleep(d);
        };
    BasetenClientImpl client =
        track(
            new BasetenClientImpl(
                options(b -> b).timing(Clock.SYSTEM, signalling, () -> 1.0).build()));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                update(client);
              } catch (RuntimeException e) {
                thrown.set(e);
              }
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            },
            "retry-test-caller");

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          caller.start();
          assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
          caller.interrupt();
          caller.join();
        });

    assertThat(thrown.get())
        .isInstanceOf(BasetenIoException.class)
        .hasCauseInstanceOf(InterruptedException.class)
        .hasMessageContaining("interrupted while waiting 30s to retry (attempt 1 of 3)");
    assertThat(interruptedAfter.get()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void callOnAnInterruptedThreadFailsAtOnceAndKeepsTheInterrupt() {
    server.enqueue(TestServers.accepted());
    BasetenClientImpl client = client(1.0);
    Thread.currentThread().interrupt();
    try {
      Throwable thrown = catchThrowable(() -> update(client));

      assertThat(thrown).isInstanceOf(BasetenIoException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(time.waits()).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void connectionDroppedAtRequestStartIsRetried() throws Exception {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(TestServers.accepted());

    AutoscalingUpdate update = update(client(1.0));

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    // The server records the dropped connection as a request too, then the retried PATCH.
    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest();
    assertThat(server.takeRequest().getMethod()).isEqualTo("PATCH");
    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  private static MockResponse rateLimited(String header, String value) {
    return TestServers.json(429, "{\"message\":\"slow down\"}")
        .newBuilder()
        .setHeader(header, value)
        .build();
  }

  private AutoscalingUpdate update(BasetenClientImpl client) {
    return client.deployments().development().updateAutoscaling("abc123", PATCH);
  }

  private BasetenClientImpl client(double jitter) {
    return client(b -> b, () -> jitter);
  }

  private BasetenClientImpl client(
      UnaryOperator<ClientOptions.Builder> configure, DoubleSupplier jitter) {
    return track(new BasetenClientImpl(options(configure).timing(time, time, jitter).build()));
  }

  private ClientOptions.Builder options(UnaryOperator<ClientOptions.Builder> configure) {
    return configure.apply(
        ClientOptions.builder().apiKey("test-key").baseUrl(TestServers.baseUrl(server)));
  }

  private BasetenClientImpl track(BasetenClientImpl client) {
    clients.add(client);
    return client;
  }

  @Test
  void theLastFailureKeepsTheEarlierAttemptsFailuresAsSuppressed() {
    server.enqueue(TestServers.status(503));
    server.enqueue(TestServers.status(502));
    server.enqueue(TestServers.status(500));

    Throwable thrown = catchThrowable(() -> update(client(1.0)));

    assertThat(thrown).hasMessageContaining("500 Internal Server Error (attempt 3 of 3)");
    assertThat(thrown.getSuppressed()).hasSize(1);
    Throwable second = thrown.getSuppressed()[0];
    assertThat(second).hasMessageContaining("502 Bad Gateway (attempt 2 of 3)");
    assertThat(second.getSuppressed()).hasSize(1);
    assertThat(second.getSuppressed()[0])
        .hasMessageContaining("503 Service Unavailable (attempt 1 of 3)");
  }
}
