package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.baseten.sdk.RawResponse;
import com.baseten.sdk.errors.BasetenIoException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One asynchronous SDK call: each attempt is enqueued on OkHttp's dispatcher, each wait is
 * scheduled, and the future completes on OkHttp's thread or on the caller's executor. Cancelling
 * the future cancels the attempt in flight and any scheduled retry; closing the client fails a call
 * that is waiting to retry. The future always completes: every path below ends in {@link #deliver}.
 */
final class AsyncCall<T, R> extends CompletableFuture<R> implements Callback {
  private final OkHttpClient http;
  private final Attempts<T> attempts;
  private final ScheduledExecutorService scheduler;
  private final @Nullable Executor callbackExecutor;
  private final Function<RawResponse<T>, R> finisher;
  private final Consumer<AsyncCall<?, ?>> onDone;
  private volatile @Nullable Call current;
  private volatile @Nullable ScheduledFuture<?> pendingRetry;
  private volatile @Nullable RuntimeException lastFailure;

  AsyncCall(
      OkHttpClient http,
      Attempts<T> attempts,
      ScheduledExecutorService scheduler,
      @Nullable Executor callbackExecutor,
      Function<RawResponse<T>, R> finisher,
      Consumer<AsyncCall<?, ?>> onDone) {
    this.http = http;
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.callbackExecutor = callbackExecutor;
    this.finisher = finisher;
    this.onDone = onDone;
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
    if (isDone()) {
      return; // the caller cancelled, or the client closed: already reported
    }
    Attempts.Step<T> step;
    try {
      synchronized (attempts) {
        step = attempts.onFailure(e);
      }
    } catch (RuntimeException unexpected) {
      deliver(() -> completeExceptionally(unexpected));
      return;
    }
    proceed(step);
  }

  @Override
  public void onResponse(Call call, Response response) {
    Attempts.Step<T> step;
    try {
      synchronized (attempts) {
        try (Response r = response) {
          step = attempts.onResponse(r);
        } catch (IOException e) {
          step = attempts.onFailure(e);
        }
      }
    } catch (RuntimeException unexpected) {
      deliver(() -> completeExceptionally(unexpected));
      return;
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
    lastFailure = failure;
    try {
      pendingRetry = scheduler.schedule(this::send, step.wait.toNanos(), NANOSECONDS);
    } catch (RejectedExecutionException e) {
      stopClosed();
      return;
    }
    if (scheduler.isShutdown()) {
      closedWhileWaiting(); // close() may have run before pendingRetry was set
    }
  }

  /** The client closed: a call waiting to retry stops, reporting its last failure. */
  void closedWhileWaiting() {
    ScheduledFuture<?> retry = pendingRetry;
    if (retry != null && retry.cancel(false)) {
      stopClosed();
    }
  }

  private void stopClosed() {
    RuntimeException last = lastFailure;
    BasetenIoException closed =
        new BasetenIoException(
            attempts.described()
                + " stopped: the client was closed while waiting to retry (attempt "
                + attempts.attempt()
                + " of "
                + attempts.maxAttempts()
                + ")",
            last != null ? last : new IllegalStateException("client closed"));
    deliver(() -> completeExceptionally(closed));
  }

  /** Completes the future on the caller's executor, or here; never leaves it incomplete. */
  private void deliver(Runnable completion) {
    onDone.accept(this);
    Executor executor = callbackExecutor;
    if (executor == null) {
      completion.run();
      return;
    }
    try {
      executor.execute(completion);
    } catch (RuntimeException e) {
      // Rejected, or broken: complete here rather than never.
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
    onDone.accept(this);
    return cancelled;
  }
}
