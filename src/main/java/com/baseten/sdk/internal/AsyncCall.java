package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.baseten.sdk.RawResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One asynchronous SDK call: each attempt is enqueued on OkHttp's dispatcher, each wait is
 * scheduled, and the future completes on OkHttp's thread or on the caller's executor. Cancelling
 * the future cancels the attempt in flight and any scheduled retry.
 */
final class AsyncCall<T, R> extends CompletableFuture<R> implements Callback {
  private final OkHttpClient http;
  private final Attempts<T> attempts;
  private final ScheduledExecutorService scheduler;
  private final @Nullable Executor callbackExecutor;
  private final Function<RawResponse<T>, R> finisher;
  private final Runnable afterLastAttempt;
  private volatile @Nullable Call current;
  private volatile @Nullable ScheduledFuture<?> pendingRetry;

  AsyncCall(
      OkHttpClient http,
      Attempts<T> attempts,
      ScheduledExecutorService scheduler,
      @Nullable Executor callbackExecutor,
      Function<RawResponse<T>, R> finisher,
      Runnable afterLastAttempt) {
    this.http = http;
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.callbackExecutor = callbackExecutor;
    this.finisher = finisher;
    this.afterLastAttempt = afterLastAttempt;
  }

  void start() {
    send();
  }

  private void send() {
    if (isDone()) {
      return;
    }
    Call call;
    synchronized (attempts) {
      call = attempts.newCall(http);
    }
    current = call;
    if (isDone()) {
      call.cancel(); // cancelled between the check above and now
      return;
    }
    call.enqueue(this);
  }

  @Override
  public void onFailure(Call call, IOException e) {
    if (isCancelled() || call.isCanceled()) {
      return; // the caller cancelled: nothing to judge, retry or report
    }
    Attempts.Step<T> step;
    synchronized (attempts) {
      step = attempts.onFailure(e);
    }
    proceed(step);
  }

  @Override
  public void onResponse(Call call, Response response) {
    Attempts.Step<T> step;
    synchronized (attempts) {
      try (Response r = response) {
        step = attempts.onResponse(r);
      } catch (IOException e) {
        step = attempts.onFailure(e);
      }
    }
    proceed(step);
  }

  private void proceed(Attempts.Step<T> step) {
    RawResponse<T> raw = step.response;
    if (raw != null) {
      R value;
      try {
        value = finisher.apply(raw);
      } catch (RuntimeException e) {
        deliver(() -> completeExceptionally(e));
        return;
      }
      deliver(() -> complete(value));
      return;
    }
    RuntimeException failure = Objects.requireNonNull(step.failure);
    if (step.wait == null || isDone()) {
      deliver(() -> completeExceptionally(failure));
      return;
    }
    try {
      pendingRetry = scheduler.schedule(this::send, step.wait.toNanos(), NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The client was closed during the wait: report the last failure.
      deliver(() -> completeExceptionally(failure));
    }
  }

  private void deliver(Runnable completion) {
    afterLastAttempt.run();
    Executor executor = callbackExecutor;
    if (executor == null) {
      completion.run();
      return;
    }
    try {
      executor.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run();
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    ScheduledFuture<?> retry = pendingRetry;
    if (retry != null) {
      retry.cancel(false);
    }
    Call call = current;
    if (call != null) {
      call.cancel();
    }
    return cancelled;
  }
}
