package com.baseten.sdk.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; tests substitute one that records the waits instead of sleeping. */
public interface Sleeper {
  /** Sleeps the calling thread. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait, never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
