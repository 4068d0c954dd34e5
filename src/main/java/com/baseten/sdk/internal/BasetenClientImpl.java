package com.baseten.sdk.internal;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.BasetenClientAsync;
import com.baseten.sdk.services.DeploymentService;
import com.baseten.sdk.services.DeploymentServiceAsync;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** The client behind {@link BasetenClient}: one OkHttp client, and the service tree over it. */
public final class BasetenClientImpl implements BasetenClient {
  /** The variable that holds the API key in every Baseten tool. */
  public static final String API_KEY_VARIABLE = "BASETEN_API_KEY";

  /** The variable that overrides the base URL. */
  public static final String BASE_URL_VARIABLE = "BASETEN_BASE_URL";

  /** The system property that holds the API key; it wins over the variable. */
  public static final String API_KEY_PROPERTY = "baseten.apiKey";

  /** The system property that overrides the base URL; it wins over the variable. */
  public static final String BASE_URL_PROPERTY = "baseten.baseUrl";

  /**
   * OkHttp repeats a 503 that says {@code Retry-After: 0} on its own, whatever {@code
   * retryOnConnectionFailure} says. Hiding the header below OkHttp's retry logic and restoring it
   * above keeps every attempt counted, and judged, by the SDK.
   */
  private static final String HIDDEN_RETRY_AFTER = "Baseten-Sdk-Retry-After";

  private static final Interceptor RETRY_AFTER_HIDER =
      chain -> {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header("Retry-After");
        if (response.code() != 503 || retryAfter == null) {
          return response;
        }
        return response
            .newBuilder()
            .removeHeader("Retry-After")
            .header(HIDDEN_RETRY_AFTER, retryAfter)
            .build();
      };

  private static final Interceptor RETRY_AFTER_RESTORER =
      chain -> {
        Response response = chain.proceed(chain.request());
        String hidden = response.header(HIDDEN_RETRY_AFTER);
        if (hidden == null) {
          return response;
        }
        return response
            .newBuilder()
            .removeHeader(HIDDEN_RETRY_AFTER)
            .header("Retry-After", hidden)
            .build();
      };

  private final ClientOptions options;
  private final HttpTransport transport;
  private final DeploymentService deployments;
  private final BasetenClientAsync async;

  /** Creates a client, deriving its OkHttp client from the caller's or building its own. */
  public BasetenClientImpl(ClientOptions options) {
    JacksonVersion.checkClassPath();
    Logging.configureFromEnvironment();
    this.options = options;
    OkHttpClient base = options.okHttpClient();
    OkHttpClient.Builder builder = base != null ? base.newBuilder() : new OkHttpClient.Builder();
    OkHttpClient http =
        builder
            .connectTimeout(options.connectTimeout())
            // One timeout bounds a whole attempt (set per call, so RequestOptions can change it);
            // separate read and write timeouts would cap a longer per-call timeout.
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .callTimeout(options.timeout())
            // A redirect could carry the key elsewhere or turn the PATCH into a GET: surface it.
            .followRedirects(false)
            .followSslRedirects(false)
            // Attempts are counted in one place, Attempts, not also silently by OkHttp.
            .retryOnConnectionFailure(false)
            .build();
    if (!http.interceptors().contains(RETRY_AFTER_RESTORER)) {
      // Not again on a client derived from one of ours, as withOptions copies are.
      http =
          http.newBuilder()
              .addNetworkInterceptor(RETRY_AFTER_HIDER)
              .addInterceptor(RETRY_AFTER_RESTORER)
              .build();
    }
    this.transport = new HttpTransport(http, options, base == null);
    this.deployments = new DeploymentServiceImpl(transport);
    this.async = new Async(this, transport, options.callbackExecutor());
  }

  /**
   * Builds a client from system properties and environment variables; a property wins.
   *
   * @throws IllegalStateException if neither names an API key
   */
  public static BasetenClient fromEnv(
      Function<String, @Nullable String> env, Function<String, @Nullable String> properties) {
    String apiKey = firstNonBlank(properties.apply(API_KEY_PROPERTY), env.apply(API_KEY_VARIABLE));
    if (apiKey == null) {
      throw new IllegalStateException(
          "no Baseten API key: set the "
              + API_KEY_VARIABLE
              + " environment variable or the "
              + API_KEY_PROPERTY
              + " system property, or pass the key to BasetenClient.builder().apiKey(...)");
    }
    // Keys read from files or secrets often end in a line break.
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(apiKey.trim());
    String baseUrl =
        firstNonBlank(properties.apply(BASE_URL_PROPERTY), env.apply(BASE_URL_VARIABLE));
    if (baseUrl != null) {
      builder.baseUrl(baseUrl.trim());
    }
    return builder.build();
  }

  private static @Nullable String firstNonBlank(@Nullable String first, @Nullable String second) {
    if (first != null && !Text.isBlank(first)) {
      return first;
    }
    return second != null && !Text.isBlank(second) ? second : null;
  }

  /** The transport, for tests that inspect the connections after {@code close()}. */
  HttpTransport transport() {
    return transport;
  }

  @Override
  public DeploymentService deployments() {
    return deployments;
  }

  @Override
  public BasetenClientAsync async() {
    return async;
  }

  @Override
  public BasetenClient withOptions(Consumer<BasetenClient.Builder> change) {
    Objects.requireNonNull(change, "change == null");
    BasetenClient.Builder builder =
        BasetenClient.builder()
            .apiKey(options.apiKey())
            .baseUrl(options.baseUrl().toString())
            .allowInsecureHttp(options.allowInsecureHttp())
            .okHttpClient(transport.http())
            .timeout(options.timeout())
            .connectTimeout(options.connectTimeout())
            .maxRetries(options.maxRetries())
            .deadline(options.deadline())
            .maxRetryAfter(options.maxRetryAfter());
    Executor executor = options.callbackExecutor();
    if (executor != null) {
      builder.callbackExecutor(executor);
    }
    change.accept(builder);
    BasetenClientImpl copy = (BasetenClientImpl) builder.build();
    copy.transport.sharesConnectionsOf(transport);
    return copy;
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "BasetenClient{" + options + "}";
  }

  /** The asynchronous view of a client: the same transport, settings and pool. */
  private static final class Async implements BasetenClientAsync {
    private final BasetenClient sync;
    private final DeploymentServiceAsync deployments;

    Async(BasetenClient sync, HttpTransport transport, @Nullable Executor callbackExecutor) {
      this.sync = sync;
      this.deployments = new DeploymentServiceAsyncImpl(transport, callbackExecutor);
    }

    @Override
    public DeploymentServiceAsync deployments() {
      return deployments;
    }

    @Override
    public BasetenClient sync() {
      return sync;
    }

    @Override
    public String toString() {
      return "BasetenClientAsync{" + sync + "}";
    }
  }
}
