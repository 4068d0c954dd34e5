package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The model or deployment does not exist, or the key cannot see it (404). */
public class NotFoundException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 404 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public NotFoundException(String message, Headers headers, String body) {
    super(message, 404, headers, body);
  }
}
