package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The API key is missing, wrong or revoked (401). */
public class AuthenticationException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 401 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public AuthenticationException(String message, Headers headers, String body) {
    super(message, 401, headers, body);
  }
}
