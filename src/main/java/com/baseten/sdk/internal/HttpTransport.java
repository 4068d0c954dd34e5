package com.baseten.sdk.internal;

import com.baseten.sdk.RawResponse;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.errors.BasetenIoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@link ApiRequest}s, synchronously or asynchronously, over one OkHttp client. Requests are
 * built and each attempt judged by {@link Attempts}; this class sends, waits and completes.
 */
public final class HttpTransport {
  private final OkHttpClient http;
  private final ClientOptions options;
  private final boolean ownsHttp;
  private final AtomicBoolean closed = new AtomicBoolean();
  private @Nullable ScheduledExecutorService scheduler;
  private volatile @Nullable HttpTransport sharedFrom;
  private final Set<AsyncCall<?, ?>> live = ConcurrentHashMap.newKeySet();

  HttpTransport(OkHttpClient http, ClientOptions options, boolean ownsHttp) {
    this.http = http;
    this.options = options;
    this.ownsHttp = ownsHttp;
  }

  /** Decodes a successful body into a result, or throws {@code BasetenInvalidResponseException}. */
  public interface ResponseParser<T> {
    /** Decodes {@code body}, the text of a 2xx answer described by {@code exchange}. */
    T parse(Exchange exchange, String body);
  }

  OkHttpClient http() {
    return http;
  }

  /** Sends the request, retrying as the options allow, and decodes the answer. */
  public <T> T execute(
      ApiRequest request, ResponseParser<T> parser, RequestOptions requestOptions) {
    return executeRaw(request, parser, requestOptions).parse();
  }

  /** Sends the request, retrying as the options allow; the body is decoded on {@code parse()}. */
  public <T> RawResponse<T> executeRaw(
      ApiRequest request, ResponseParser<T> parser, RequestOptions requestOptions) {
    checkOpen();
    Attempts<T> attempts = new Attempts<>(options, request, parser, requestOptions);
    try {
      return loop(attempts);
    } finally {
      releaseIfClosed();
    }
  }

  @SuppressWarnings("InterruptedExceptionSwallowed") // the interrupt flag is restored
  private <T> RawResponse<T> loop(Attempts<T> attempts) {
    while (true) {
      Call call = attempts.newCall(http);
      Attempts.Step<T> step;
      try (Response response = call.execute()) {
        step = attempts.onResponse(response);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException && !Errors.isTimeout(e)) {
          // OkHttp saw this thread interrupted; keep the flag for the caller.
          Thread.currentThread().interrupt();
        }
        step = attempts.onFailure(e);
      } catch (Exception e) {
        // OkHttp is Kotlin: its fast-fallback connect can throw InterruptedException undeclared.
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new BasetenIoException(
              attempts.described()
                  + " interrupted (attempt "
                  + attempts.attempt()
                  + " of "
                  + attempts.maxAttempts()
                  + ")",
              e);
        }
        throw e;
      }
      if (step.response != null) {
        return step.response;
      }
      RuntimeException failure = java.util.Objects.requireNonNull(step.failure);
      Duration wait = step.wait;
      if (wait == null) {
        throw failure;
      }
      try {
        options.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        BasetenIoException interrupted =
            new BasetenIoException(
                attempts.described()
                    + " interrupted while waiting "
                    + Text.duration(wait)
                    + " to retry (attempt "
                    + attempts.attempt()
                    + " of "
                    + attempts.maxAttempts()
                    + ")",
                e);
        interrupted.addSuppressed(failure);
        throw interrupted;
      }
    }
  }

  /**
   * Sends the request without blocking: waits between attempts are scheduled, never slept, and
   * cancelling the future cancels the call in flight and any pending retry.
   */
  public <T> CompletableFuture<T> executeAsync(
      ApiRequest request,
      ResponseParser<T> parser,
      RequestOptions requestOptions,
      @Nullable Executor callbackExecutor) {
    return start(request, parser, requestOptions, callbackExecutor, RawResponse::parse);
  }

  /** As {@link #executeAsync}, completing with the raw response. */
  public <T> CompletableFuture<RawResponse<T>> executeRawAsync(
      ApiRequest request,
      ResponseParser<T> parser,
      RequestOptions requestOptions,
      @Nullable Executor callbackExecutor) {
    return start(request, parser, requestOptions, callbackExecutor, raw -> raw);
  }

  private <T, R> CompletableFuture<R> start(
      ApiRequest request,
      ResponseParser<T> parser,
      RequestOptions requestOptions,
      @Nullable Executor callbackExecutor,
      Function<RawResponse<T>, R> finisher) {
    checkOpen();
    Attempts<T> attempts = new Attempts<>(options, request, parser, requestOptions);
    AsyncCall<T, R> call =
        new AsyncCall<>(http, attempts, scheduler(), callbackExecutor, finisher, this::finished);
    live.add(call);
    call.start();
    return call;
  }

  private void finished(AsyncCall<?, ?> call) {
    live.remove(call);
    releaseIfClosed();
  }

  private synchronized ScheduledExecutorService scheduler() {
    checkOpen(); // close() may have run since the caller's check
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "baseten-retry-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      // A client that is never closed does not keep an idle thread for ever.
      executor.setKeepAliveTime(10, java.util.concurrent.TimeUnit.SECONDS);
      executor.allowCoreThreadTimeOut(true);
      s = executor;
      scheduler = s;
    }
    return s;
  }

  /**
   * A call that was in flight when the client closed hands its connection back to the pool
   * afterwards; evict it then, so that nothing stays open for the pool's keep-alive.
   */
  private void releaseIfClosed() {
    if (closed.get() && ownsHttp) {
      http.connectionPool().evictAll();
    }
  }

  /** Marks this transport as sharing {@code origin}'s OkHttp client, which it must outlive. */
  void sharesConnectionsOf(HttpTransport origin) {
    HttpTransport root = origin.sharedFrom;
    this.sharedFrom = root != null ? root : origin;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this BasetenClient is closed");
    }
    HttpTransport origin = sharedFrom;
    if (origin != null && origin.ownsHttp && origin.closed.get()) {
      throw new IllegalStateException(
          "the BasetenClient this one was made from with withOptions() is closed, and with it"
              + " the connections they share: close copies before the original");
    }
  }

  /**
   * Stops new calls and releases what this client created: its retry scheduler and, when it built
   * its own OkHttp client, that client's threads and pooled connections. A caller's OkHttp client
   * is left running. Safe to repeat.
   */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    for (AsyncCall<?, ?> call : live) {
      call.closedWhileWaiting(); // only calls waiting to retry are affected; others finish
    }
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
