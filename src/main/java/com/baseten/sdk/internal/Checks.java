package com.baseten.sdk.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the builders, with messages that name the setting and the rule. */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} if it is positive and fits OkHttp's millisecond timeouts. */
  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          name + " must be at most " + Integer.MAX_VALUE + " ms: " + value);
    }
    return value;
  }

  /** Returns {@code maxRetries} if it is not negative. */
  public static int maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
    }
    return maxRetries;
  }
}
