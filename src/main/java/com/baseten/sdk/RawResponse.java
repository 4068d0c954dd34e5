package com.baseten.sdk;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer with its status and headers, for callers who need more than the parsed value.
 *
 * <pre>{@code
 * RawResponse<AutoscalingUpdate> raw = client.deployments().development()
 *     .withRawResponse()
 *     .updateAutoscaling("abc123", patch);
 * log.info("request {} answered {}", raw.requestId().orElse("-"), raw.statusCode());
 * AutoscalingUpdate result = raw.parse();
 * }</pre>
 *
 * <p>A non-2xx answer still throws, as the plain call does. The body is decoded on the first call
 * to {@link #parse()}, which throws {@link com.baseten.sdk.errors.BasetenInvalidResponseException}
 * if it is not the documented JSON, so the headers stay readable either way.
 *
 * @param <T> the type {@link #parse()} returns
 */
public final class RawResponse<T> {
  private final int statusCode;
  private final Headers headers;
  private final Supplier<T> parser;
  private volatile @Nullable T parsed;

  /**
   * Creates a raw response; the SDK does this, and tests may too.
   *
   * @param statusCode the HTTP status code
   * @param headers the response headers
   * @param parser decodes the body; called at most once, by the first {@link #parse()} that
   *     succeeds
   */
  public RawResponse(int statusCode, Headers headers, Supplier<T> parser) {
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers == null");
    this.parser = Objects.requireNonNull(parser, "parser == null");
  }

  /**
   * The HTTP status code, such as {@code 200}.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The response headers.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * The id the server gave this request in its {@code x-request-id} header.
   *
   * @return the request id, if the server sent one
   */
  public Optional<String> requestId() {
    String id = headers.get("x-request-id");
    return id == null || id.trim().isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /**
   * Decodes the body, once; later calls return the same value.
   *
   * @return the decoded value
   * @throws com.baseten.sdk.errors.BasetenInvalidResponseException if the body is not the
   *     documented JSON
   */
  public T parse() {
    T value = parsed;
    if (value == null) {
      synchronized (this) {
        value = parsed;
        if (value == null) {
          value = Objects.requireNonNull(parser.get(), "parser returned null");
          parsed = value;
        }
      }
    }
    return value;
  }

  @Override
  public String toString() {
    return "RawResponse{statusCode=" + statusCode + "}";
  }
}
