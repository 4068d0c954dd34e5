package com.baseten.sdk.errors;

import org.jspecify.annotations.Nullable;

/** The base of every exception the SDK throws. It is unchecked. */
public class BasetenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message one line a person can act on
   */
  public BasetenException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message one line a person can act on
   * @param cause the underlying failure, or null
   */
  public BasetenException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
