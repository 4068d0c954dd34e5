package com.baseten.sdk.errors;

/**
 * The request could not be completed: the connection failed, was reset, or the thread was
 * interrupted. The cause holds the underlying {@link java.io.IOException} or {@link
 * InterruptedException}.
 */
public class BasetenIoException extends BasetenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a failed exchange.
   *
   * @param message one line a person can act on
   * @param cause the underlying failure
   */
  public BasetenIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
