package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The server rejected the request as malformed or out of range (400). */
public class BadRequestException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 400 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public BadRequestException(String message, Headers headers, String body) {
    super(message, 400, headers, body);
  }
}
