package com.baseten.sdk.internal;

/** Time as the SDK reads it; tests substitute one that moves only when told. */
public interface Clock {
  /** The system clock. */
  Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
          return System.currentTimeMillis();
        }
      };

  /**
   * Monotonic time for deadlines.
   *
   * @return nanoseconds from an arbitrary origin
   */
  long nanoTime();

  /**
   * Wall-clock time for HTTP dates.
   *
   * @return milliseconds since the epoch
   */
  long currentTimeMillis();
}
