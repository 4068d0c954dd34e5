package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The request conflicts with the resource's current state (409). */
public class ConflictException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 409 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public ConflictException(String message, Headers headers, String body) {
    super(message, 409, headers, body);
  }
}
