package com.baseten.sdk.errors;

import okhttp3.Headers;

/** The API key may not perform this operation (403). */
public class PermissionDeniedException extends BasetenServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 403 answer.
   *
   * @param message one line a person can act on
   * @param headers the response headers
   * @param body the response body as text
   */
  public PermissionDeniedException(String message, Headers headers, String body) {
    super(message, 403, headers, body);
  }
}
