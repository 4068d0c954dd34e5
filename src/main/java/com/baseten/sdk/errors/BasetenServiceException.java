package com.baseten.sdk.errors;

import com.baseten.sdk.internal.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with a status other than 2xx. Subclasses name the status; catch this type to
 * handle every such answer.
 *
 * <p>The message is one line: method, path, status, the request id when the server sent one, and
 * the server's own explanation, for example {@code PATCH
 * /v1/models/abc/deployments/development/autoscaling_settings -> 404 Not Found: model not found}.
 */
public class BasetenServiceException extends BasetenException {
  private static final long serialVersionUID = 1L;

  /** The most characters of an error body kept in {@link #body()}: 64 Ki. */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  /** The HTTP status code. */
  private final int statusCode;

  /** The response headers; not serialized, so empty after deserialization. */
  private transient @Nullable Headers headers;

  /** The {@code x-request-id} header, kept apart so that it survives serialization. */
  private final @Nullable String requestId;

  /** The response body, bounded. */
  private final String body;

  /** The wait the server asked for, or null; {@code Duration} is serializable. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception for a non-2xx answer.
   *
   * @param message one line a person can act on
   * @param statusCode the HTTP status code
   * @param headers the response headers
   * @param body the response body as text; truncated to {@link #MAX_BODY_CHARS} characters
   */
  public BasetenServiceException(String message, int statusCode, Headers headers, String body) {
    super(message);
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers == null");
    String id = headers.get("x-request-id");
    this.requestId = id == null || id.trim().isEmpty() ? null : id;
    Objects.requireNonNull(body, "body == null");
    this.body = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
    this.retryAfter = RetryPolicy.retryAfter(headers, System.currentTimeMillis()).orElse(null);
  }

  /**
   * The HTTP status code, such as {@code 404}.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The response headers.
   *
   * @return the headers, possibly empty
   */
  public Headers headers() {
    Headers h = headers;
    return h != null ? h : Headers.of();
  }

  /**
   * The id the server gave this request in its {@code x-request-id} header, for support tickets.
   *
   * @return the request id, if the server sent one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * How long the server asked the caller to wait before trying again, from its {@code
   * retry-after-ms} or {@code Retry-After} header (delta-seconds or an HTTP-date; a date in the
   * past reads as zero), whenever the server sent one. When the SDK gives up because the wait
   * exceeds {@code maxRetryAfter}, this says when to try again, so a service can reschedule the
   * call instead of blocking a thread.
   *
   * @return the wait, if the server asked for one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The response body as text, at most {@link #MAX_BODY_CHARS} characters; the rest is discarded.
   *
   * @return the body, possibly empty
   */
  public String body() {
    return body;
  }
}
