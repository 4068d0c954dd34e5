package com.baseten.sdk.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of one client. {@code BasetenClient.Builder} is a facade over {@link
 * Builder}, so every rule lives here once. The key is never printed.
 */
public final class ClientOptions {
  /** The scheme and prefix of the {@code Authorization} header, kept in this one place. */
  static final String AUTH_SCHEME = "Api-Key ";

  static final String DEFAULT_BASE_URL = com.baseten.sdk.BasetenClient.DEFAULT_BASE_URL;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_RETRIES = 2;
  static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);
  static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final String apiKey;
  private final HttpUrl baseUrl;
  private final boolean allowInsecureHttp;
  private final @Nullable OkHttpClient okHttpClient;
  private final @Nullable Executor callbackExecutor;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final int maxRetries;
  private final Duration deadline;
  private final Duration maxRetryAfter;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Redactor redactor;

  private ClientOptions(Builder b, String apiKey, HttpUrl baseUrl) {
    this.apiKey = apiKey;
    this.redactor = new Redactor(apiKey);
    this.baseUrl = baseUrl;
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.okHttpClient = b.okHttpClient;
    this.callbackExecutor = b.callbackExecutor;
    this.timeout = b.timeout;
    this.connectTimeout = b.connectTimeout;
    this.maxRetries = b.maxRetries;
    this.deadline = b.deadline;
    this.maxRetryAfter = b.maxRetryAfter;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
  }

  /** Returns a builder with every default in place and no key. */
  public static Builder builder() {
    return new Builder();
  }

  String apiKey() {
    return apiKey;
  }

  /** Whether {@code http://} to a host that is not loopback was allowed. */
  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  /** Hides this client's key in what the server sends back. */
  Redactor redactor() {
    return redactor;
  }

  String authorization() {
    return AUTH_SCHEME + apiKey;
  }

  /** The base URL, with any path prefix. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** The caller's OkHttp client to derive from, or null to build one. */
  public @Nullable OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /** Where async calls complete, or null for OkHttp's threads. */
  public @Nullable Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** The timeout of one attempt, from connecting to reading the whole answer. */
  public Duration timeout() {
    return timeout;
  }

  /** The timeout for opening a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How many times a failed attempt is repeated. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The most time one call may take, across all attempts and waits. */
  public Duration deadline() {
    return deadline;
  }

  /** The longest {@code Retry-After} the SDK waits for before giving up at once. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  Clock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  DoubleSupplier jitter() {
    return jitter;
  }

  @Override
  public String toString() {
    return "baseUrl="
        + baseUrl
        + ", timeout="
        + Text.duration(timeout)
        + ", connectTimeout="
        + Text.duration(connectTimeout)
        + ", maxRetries="
        + maxRetries
        + ", deadline="
        + Text.duration(deadline)
        + ", maxRetryAfter="
        + Text.duration(maxRetryAfter);
  }

  /** Collects and checks settings; setters check nulls, {@link #build()} checks the rest. */
  public static final class Builder {
    private @Nullable String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private boolean allowInsecureHttp;
    private @Nullable OkHttpClient okHttpClient;
    private @Nullable Executor callbackExecutor;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private Clock clock = Clock.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = Math::random;

    Builder() {}

    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    public Builder callbackExecutor(Executor callbackExecutor) {
      this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor == null");
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positive("timeout", timeout);
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = Checks.maxRetries(maxRetries);
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = Checks.positive("deadline", deadline);
      return this;
    }

    public Builder maxRetryAfter(Duration maxRetryAfter) {
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter == null");
      if (maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative: " + maxRetryAfter);
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** Replaces the clock, the sleeper and the jitter source; for tests of retry timing. */
    public Builder timing(Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      this.jitter = Objects.requireNonNull(jitter, "jitter == null");
      return this;
    }

    /**
     * Checks the settings that depend on each other and returns the options.
     *
     * @throws IllegalStateException if no API key was set
     * @throws IllegalArgumentException if the key is blank or the base URL is unusable
     */
    public ClientOptions build() {
      String key = apiKey;
      if (key == null) {
        throw new IllegalStateException(
            "apiKey is required: call apiKey(...), or use BasetenClient.fromEnv()");
      }
      if (key.trim().isEmpty()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c < 0x21 || c > 0x7e) {
          // Name the position, never the key: a trailing newline from a file is the usual cause.
          throw new IllegalArgumentException(
              "apiKey has a character not allowed in an HTTP header at index "
                  + i
                  + " (a space, a line break or a non-ASCII character)");
        }
      }
      return new ClientOptions(this, key, checkBaseUrl(baseUrl, allowInsecureHttp));
    }

    private static HttpUrl checkBaseUrl(String value, boolean allowInsecureHttp) {
      HttpUrl url = HttpUrl.parse(value.trim());
      if (url == null) {
        throw new IllegalArgumentException(
            "baseUrl is not an http:// or https:// URL: " + Text.quote(value));
      }
      if (url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not have a query or fragment: " + Text.quote(value));
      }
      if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
        throw new IllegalArgumentException(
            "baseUrl uses http:// to a host that is not loopback ("
                + url.host()
                + "): the API key would cross the network in clear text;"
                + " use https://, or allowInsecureHttp(true) behind a trusted proxy");
      }
      return url;
    }

    static boolean isLoopback(String host) {
      return host.equals("localhost")
          || host.equals("::1")
          || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
  }
}
