package com.baseten.sdk.errors;

import okhttp3.Headers;

/** Too many requests (429); retry later. */
public class RateLimitException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 429 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public RateLimitException(String message, Headers headers, String body) {
    super(message, 429, headers, body);
  }
}
