package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The server, or a proxy in front of it, failed (any 5xx status). */
public class InternalServerException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for such an answer.
   *
   * @param message one line a person can act on
   * @param statusCode the HTTP status code, 500..599
   * @param headers the response headers
   * @param body the response body as text
   */
  public InternalServerException(String message, int statusCode, Headers headers, String body) {
    super(message, statusCode, headers, body);
    if (statusCode < 500 || statusCode > 599) {
      throw new IllegalArgumentException("statusCode must be within 500..599: " + statusCode);
    }
  }
}
