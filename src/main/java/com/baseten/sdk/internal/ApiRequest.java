package com.baseten.sdk.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One API call before it is sent: a method, a path under {@code /v1}, and a JSON body. */
public final class ApiRequest {
  private final String method;
  private final List<String> pathSegments;
  private final byte @Nullable [] body;

  private ApiRequest(String method, List<String> pathSegments, byte @Nullable [] body) {
    this.method = method;
    this.pathSegments = Collections.unmodifiableList(new ArrayList<>(pathSegments));
    this.body = body;
  }

  /** A PATCH with a JSON body. */
  public static ApiRequest patch(List<String> pathSegments, byte[] body) {
    return new ApiRequest("PATCH", pathSegments, Objects.requireNonNull(body, "body == null"));
  }

  /**
   * Checks a value that becomes one path segment, such as a model id. Every other character is
   * percent-encoded, so {@code a/b} or {@code %2F} stays one segment; {@code .} and {@code ..}
   * would be read as relative path steps by any URL resolver, so they are refused.
   *
   * @throws NullPointerException as {@code "modelId == null"}
   * @throws IllegalArgumentException if the value is blank, {@code .} or {@code ..}
   */
  public static String pathParam(String name, @Nullable String value) {
    if (value == null) {
      throw new NullPointerException(name + " == null");
    }
    if (Text.isBlank(value)) {
      throw new IllegalArgumentException(name + " must not be blank: " + Text.quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pairStart =
          Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
      if (pairStart) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // OkHttp would send '?' in its place: another id than the caller's.
        throw new IllegalArgumentException(
            name + " has an unpaired surrogate at index " + i + ": " + Text.quote(value));
      }
    }
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(
          name + " must not be \".\" or \"..\": " + Text.quote(value));
    }
    return value;
  }

  String method() {
    return method;
  }

  List<String> pathSegments() {
    return pathSegments;
  }

  byte @Nullable [] body() {
    return body;
  }
}
