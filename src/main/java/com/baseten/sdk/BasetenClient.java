package com.baseten.sdk;

import com.baseten.sdk.internal.BasetenClientImpl;
import com.baseten.sdk.internal.ClientOptions;
import com.baseten.sdk.services.DeploymentService;
import java.time.Duration;

/**
 * A client for the Baseten management API.
 *
 * <pre>{@code
 * try (BasetenClient client = BasetenClient.fromEnv()) {
 *   AutoscalingUpdate result = client.deployments().development()
 *       .updateAutoscaling("abc123", AutoscalingPatch.builder().minReplica(0).maxReplica(1).build());
 *   System.out.println(result.status() + ": " + result.message());
 * }
 * }</pre>
 *
 * <h2>Clients should be shared</h2>
 *
 * <p>A client holds a connection pool. Create one per API key and share it between threads: it is
 * thread-safe, and each call borrows a pooled connection. Creating a client per call wastes
 * connections and TLS handshakes.
 *
 * <h2>Closing</h2>
 *
 * <p>{@link #close()} releases the pooled connections and stops the threads the client started. A
 * client used only synchronously that was never closed does not keep the JVM alive; after async
 * calls, close it, or OkHttp's idle dispatcher threads keep the JVM up for about a minute. After
 * {@code close()}, new calls throw {@link IllegalStateException}, and async calls waiting to retry
 * fail.
 *
 * <h2>Errors</h2>
 *
 * <p>Every call throws unchecked exceptions from {@code com.baseten.sdk.errors}: a {@link
 * com.baseten.sdk.errors.BasetenServiceException} subclass for a non-2xx answer, a {@link
 * com.baseten.sdk.errors.BasetenIoException} when the network fails or the call times out. The API
 * key never appears in a message or a {@code toString()}.
 *
 * <p>This interface is implemented by the SDK; implement it yourself only to fake the client in
 * tests.
 */
public interface BasetenClient extends AutoCloseable {
  /** The production API: {@value}. */
  String DEFAULT_BASE_URL = "https://api.baseten.co";

  /**
   * Returns a builder; {@link Builder#apiKey(String)} is required.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a client from the environment: the API key from the system property {@code
   * baseten.apiKey} or the variable {@code BASETEN_API_KEY} (required), and the base URL from
   * {@code baseten.baseUrl} or {@code BASETEN_BASE_URL} (optional). A system property wins over the
   * variable.
   *
   * @return a new client
   * @throws IllegalStateException if neither {@code baseten.apiKey} nor {@code BASETEN_API_KEY} is
   *     set
   * @throws IllegalArgumentException if {@code BASETEN_BASE_URL} is not a valid URL
   */
  static BasetenClient fromEnv() {
    return BasetenClientImpl.fromEnv(System::getenv, System::getProperty);
  }

  /**
   * Deployments of a model: {@code /v1/models/{model_id}/deployments}.
   *
   * @return the service, never null
   */
  DeploymentService deployments();

  /**
   * The asynchronous view of this client, sharing its settings and connection pool.
   *
   * @return the async client; the same instance on every call
   */
  BasetenClientAsync async();

  /**
   * Returns a copy of this client with some settings changed. The copy shares this client's
   * connection pool and dispatcher; closing the copy releases only what it created. Close this
   * client last: once it is closed, calls on its copies throw {@link IllegalStateException}.
   *
   * <pre>{@code
   * BasetenClient patient = client.withOptions(b -> b.timeout(Duration.ofMinutes(2)).maxRetries(5));
   * }</pre>
   *
   * @param change edits a builder that holds this client's settings
   * @return a new client
   */
  BasetenClient withOptions(java.util.function.Consumer<Builder> change);

  /**
   * Releases the connections this client owns. Safe to call more than once; throws nothing checked.
   */
  @Override
  void close();

  /**
   * Configures a {@link BasetenClient}. Setters reject a null or out-of-range value at once; {@link
   * #build()} checks the rest. Builders are not thread-safe; the clients they build are.
   */
  final class Builder {
    private final ClientOptions.Builder options = ClientOptions.builder();

    Builder() {}

    /**
     * Sets the API key, sent as {@code Authorization: Api-Key <key>}. Required and non-blank.
     *
     * @param apiKey a Baseten API key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      options.apiKey(apiKey);
      return this;
    }

    /**
     * Sets the base URL. Defaults to {@value BasetenClient#DEFAULT_BASE_URL}. A path prefix, as in
     * {@code http://127.0.0.1:8080/proxy}, is kept: calls go to {@code /proxy/v1/...}.
     *
     * <p>{@code http://} is accepted only for a loopback host (localhost, 127.0.0.0/8, ::1) unless
     * {@link #allowInsecureHttp(boolean)} is set, so that the key never crosses a network in clear
     * text.
     *
     * @param baseUrl an {@code https://} URL, without query or fragment
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      options.baseUrl(baseUrl);
      return this;
    }

    /**
     * Allows an {@code http://} base URL on a host that is not loopback. Defaults to false: the API
     * key would cross the network in clear text. Enable only behind a trusted proxy.
     *
     * @param allowInsecureHttp true to allow plain HTTP to any host
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      options.allowInsecureHttp(allowInsecureHttp);
      return this;
    }

    /**
     * Uses the caller's OkHttp client for connections, so that its connection pool, dispatcher,
     * interceptors, proxy and TLS settings apply. The SDK derives its own client with {@code
     * newBuilder()}, setting only its timeouts, and turning off OkHttp's redirects and silent
     * retries; {@link BasetenClient#close()} never shuts the caller's client down.
     *
     * @param okHttpClient the client to derive from
     * @return this builder
     */
    public Builder okHttpClient(okhttp3.OkHttpClient okHttpClient) {
      options.okHttpClient(okHttpClient);
      return this;
    }

    /**
     * Sets where asynchronous calls complete their futures. By default they complete on OkHttp's
     * dispatcher threads; never on the common pool.
     *
     * @param callbackExecutor runs the completions
     * @return this builder
     */
    public Builder callbackExecutor(java.util.concurrent.Executor callbackExecutor) {
      options.callbackExecutor(callbackExecutor);
      return this;
    }

    /**
     * Sets the timeout of one attempt, from connecting to reading the whole answer. Defaults to 60
     * seconds; must be positive.
     *
     * @param timeout the per-attempt timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      options.timeout(timeout);
      return this;
    }

    /**
     * Sets the timeout for opening a connection. Defaults to 10 seconds; must be positive.
     *
     * @param connectTimeout the connect timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code connectTimeout} is not positive
     */
    public Builder connectTimeout(Duration connectTimeout) {
      options.connectTimeout(connectTimeout);
      return this;
    }

    /**
     * Sets how many times a failed attempt is repeated. Defaults to 2 (3 attempts in all); 0
     * disables retries.
     *
     * <p>Retried: connection failures and timeouts, and the statuses 408, 429, 500, 502, 503 and
     * 504; never another 4xx. The wait doubles from 0.5 s up to 8 s, with jitter, unless the server
     * sends {@code Retry-After} or {@code retry-after-ms}; see {@link #maxRetryAfter(Duration)}.
     *
     * @param maxRetries retries after the first attempt, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetries} is negative
     */
    public Builder maxRetries(int maxRetries) {
      options.maxRetries(maxRetries);
      return this;
    }

    /**
     * Sets the most time one call may take, across every attempt and every wait between them.
     * Defaults to 2 minutes; must be positive. No wait starts that would end past it, and the last
     * attempt's timeout is shortened to fit.
     *
     * @param deadline the overall deadline of a call
     * @return this builder
     * @throws IllegalArgumentException if {@code deadline} is not positive
     */
    public Builder deadline(Duration deadline) {
      options.deadline(deadline);
      return this;
    }

    /**
     * Sets the longest wait a server may ask for with {@code Retry-After} before the SDK gives up
     * instead. Defaults to 60 seconds. A longer request is not slept: the call throws at once, and
     * the exception's {@link com.baseten.sdk.errors.BasetenServiceException#retryAfter()} says when
     * to try again, so a service can reschedule instead of blocking a thread.
     *
     * @param maxRetryAfter the longest wait honoured, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRetryAfter} is negative
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      options.maxRetryAfter(maxRetryAfter);
      return this;
    }

    /**
     * Builds the client after checking every setting.
     *
     * @return a new client, which owns its connection pool until {@link BasetenClient#close()}
     * @throws IllegalStateException if no API key was set
     * @throws IllegalArgumentException if the key is blank or the base URL is unusable; the message
     *     names the setting
     */
    public BasetenClient build() {
      return new BasetenClientImpl(options.build());
    }
  }
}
