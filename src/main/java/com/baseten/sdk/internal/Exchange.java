package com.baseten.sdk.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a message about one request names: its method, its path, and the status it got. */
public final class Exchange {
  private final String method;
  private final String path;
  private final int statusCode;
  private final String reason;
  private final List<String> notes;

  Exchange(String method, String path, int statusCode, String reason) {
    this(method, path, statusCode, reason, Collections.<String>emptyList());
  }

  private Exchange(String method, String path, int statusCode, String reason, List<String> notes) {
    this.method = method;
    this.path = path;
    this.statusCode = statusCode;
    this.reason = reason;
    this.notes = notes;
  }

  /** A copy that also carries {@code notes}, such as {@code attempt 3 of 3}, for its message. */
  Exchange withNotes(List<String> notes) {
    List<String> all = new ArrayList<>(this.notes);
    all.addAll(notes);
    return new Exchange(method, path, statusCode, reason, Collections.unmodifiableList(all));
  }

  /** What the SDK adds to the status in a message: attempts made, why it stopped. */
  List<String> notes() {
    return notes;
  }

  /** The request, as {@code PATCH /v1/models/abc/...}. */
  public String describe() {
    return method + " " + path;
  }

  /** The status, as {@code 404 Not Found}. */
  public String statusLine() {
    return reason.isEmpty() ? Integer.toString(statusCode) : statusCode + " " + reason;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }
}
