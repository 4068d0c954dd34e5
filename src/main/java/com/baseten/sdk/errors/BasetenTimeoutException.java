package com.baseten.sdk.errors;

/** The server did not answer in time: the connect, read or whole-call timeout elapsed. */
public class BasetenTimeoutException extends BasetenIoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a timeout.
   *
   * @param message one line a person can act on
   * @param cause the underlying timeout
   */
  public BasetenTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
