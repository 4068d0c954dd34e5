package com.baseten.sdk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Clock} that moves only when its {@link Sleeper} sleeps, so that retry tests see the
 * exact waits the SDK asks for and never really sleep.
 */
final class FakeTime implements Clock, Sleeper {
  /** The wall-clock time at which every fake clock starts. */
  static final Instant START = Instant.parse("2026-03-02T12:00:00Z");

  private final List<Duration> waits = new ArrayList<>();
  private long elapsedNanos;

  @Override
  public synchronized long nanoTime() {
    return elapsedNanos;
  }

  @Override
  public synchronized long currentTimeMillis() {
    return START.toEpochMilli() + elapsedNanos / 1_000_000;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
    elapsedNanos += duration.toNanos();
  }

  /** The waits asked for so far, in order. */
  synchronized List<Duration> waits() {
    return new ArrayList<>(waits);
  }

  /** The fake wall-clock time now. */
  synchronized Instant now() {
    return START.plusNanos(elapsedNanos);
  }
}
