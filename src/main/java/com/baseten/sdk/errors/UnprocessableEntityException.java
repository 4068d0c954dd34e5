package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The server understood the request but cannot apply it (422). */
public class UnprocessableEntityException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 422 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public UnprocessableEntityException(String message, Headers headers, String body) {
    super(message, 422, headers, body);
  }
}
