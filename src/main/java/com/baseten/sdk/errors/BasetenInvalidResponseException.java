package com.baseten.sdk.errors;

import org.jspecify.annotations.Nullable;

/**
 * The server answered 2xx, but the body is not the documented JSON: not JSON at all, or missing a
 * required field. The message holds a short excerpt of the body.
 */
public class BasetenInvalidResponseException extends BasetenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for an unreadable answer.
   *
   * @param message one line a person can act on, with an excerpt of the body
   * @param cause the parse failure, or null
   */
  public BasetenInvalidResponseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
