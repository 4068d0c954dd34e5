package com.baseten.sdk;

import com.baseten.sdk.internal.Checks;
import com.baseten.sdk.internal.Text;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one call that override the client's: timeout, retries, deadline, and extra headers
 * such as a trace id. Unset values fall back to the client's.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(5))
 *     .maxRetries(0)
 *     .header("X-Trace-Id", traceId)
 *     .build();
 * client.deployments().development().updateAutoscaling("abc123", patch, options);
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  /** Headers the SDK sets on every request, in lower case. */
  private static final Set<String> SDK_HEADERS =
      new HashSet<>(Arrays.asList("authorization", "content-type", "accept", "user-agent"));

  /** Headers OkHttp manages for the connection, in lower case. */
  private static final Set<String> CONNECTION_HEADERS =
      new HashSet<>(
          Arrays.asList(
              "accept-encoding",
              "connection",
              "content-length",
              "cookie",
              "expect",
              "host",
              "te",
              "transfer-encoding"));

  private final @Nullable Duration timeout;
  private final @Nullable Integer maxRetries;
  private final @Nullable Duration deadline;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.maxRetries = builder.maxRetries;
    this.deadline = builder.deadline;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /**
   * Returns options that override nothing.
   *
   * @return the empty options
   */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * Returns a builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options, for an edited copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.timeout = timeout;
    builder.maxRetries = maxRetries;
    builder.deadline = deadline;
    builder.headers.putAll(headers);
    return builder;
  }

  /**
   * The timeout of each attempt of this call.
   *
   * @return the timeout, or null to use the client's
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * How many times a failed attempt of this call is repeated.
   *
   * @return the retries, or null to use the client's
   */
  public @Nullable Integer maxRetries() {
    return maxRetries;
  }

  /**
   * The most time this call may take, across attempts and waits.
   *
   * @return the deadline, or null to use the client's
   */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * Headers added to every attempt of this call, in the order they were set.
   *
   * @return an unmodifiable map, empty if none
   */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RequestOptions)) {
      return false;
    }
    RequestOptions that = (RequestOptions) o;
    return Objects.equals(timeout, that.timeout)
        && Objects.equals(maxRetries, that.maxRetries)
        && Objects.equals(deadline, that.deadline)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, maxRetries, deadline, headers);
  }

  @Override
  public String toString() {
    return "RequestOptions{timeout="
        + (timeout == null ? "default" : Text.duration(timeout))
        + ", maxRetries="
        + (maxRetries == null ? "default" : maxRetries)
        + ", deadline="
        + (deadline == null ? "default" : Text.duration(deadline))
        + ", headers="
        + headers.keySet()
        + "}";
  }

  /** Builds {@link RequestOptions}. Setters reject invalid values at once. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable Integer maxRetries;
    private @Nullable Duration deadline;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Builder() {}

    /**
     * Sets the timeout of each attempt of this call; must be positive.
     *
     * @param timeout the per-attempt timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positive("timeout", timeout);
      return this;
    }

    /**
     * Sets how many times a failed attempt of this call is repeated; 0 disables retries.
     *
     * @param maxRetries retries after the first attempt, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetries} is negative
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = Checks.maxRetries(maxRetries);
      return this;
    }

    /**
     * Sets the most time this call may take, across attempts and waits; must be positive.
     *
     * @param deadline the overall deadline
     * @return this builder
     * @throws IllegalArgumentException if {@code deadline} is not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Checks.positive("deadline", deadline);
      return this;
    }

    /**
     * Adds a header to every attempt of this call, replacing one of the same name set before. The
     * headers the SDK sets ({@code Authorization}, {@code Content-Type}, {@code Accept}, {@code
     * User-Agent}) and those OkHttp manages for the connection ({@code Accept-Encoding}, {@code
     * Connection}, {@code Content-Length}, {@code Cookie}, {@code Expect}, {@code Host}, {@code
     * TE}, {@code Transfer-Encoding}) cannot be set: a caller's {@code Accept-Encoding}, for one,
     * would turn off OkHttp's transparent decompression and garble the answer.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     * @throws IllegalArgumentException if the name is one the SDK owns, or is not a valid header
     *     name
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      String lower = name.toLowerCase(Locale.ROOT);
      if (SDK_HEADERS.contains(lower)) {
        throw new IllegalArgumentException("header " + Text.quote(name) + " is set by the SDK");
      }
      if (CONNECTION_HEADERS.contains(lower)) {
        // OkHttp sets these per connection: Accept-Encoding, for one, turns off its gunzip.
        throw new IllegalArgumentException(
            "header " + Text.quote(name) + " is managed by the HTTP connection, not per call");
      }
      if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new IllegalArgumentException("not a valid header name: " + Text.quote(name));
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c >= 0x7f) {
          throw new IllegalArgumentException(
              "header "
                  + Text.quote(name)
                  + " has a character not allowed in a value at index "
                  + i);
        }
      }
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /**
     * Returns the options.
     *
     * @return immutable options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
