package com.baseten.sdk.errors;

import okhttp3.Headers;

/** A non-2xx status that no other exception names, such as 418 or a 3xx redirect. */
public class UnexpectedStatusException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for such an answer.
   *
   * @param message one line a person can act on
   * @param statusCode the HTTP status code
   * @param headers the response headers
   * @param body the response body as text
   */
  public UnexpectedStatusException(String message, int statusCode, Headers headers, String body) {
    super(message, statusCode, headers, body);
  }
}
