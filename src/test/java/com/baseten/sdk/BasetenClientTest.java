package com.baseten.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.internal.BasetenClientImpl;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasetenClientTest {
  private static final String KEY = "sk-SENTINEL-4f1c9e";
  private static final String ACCEPTED = "{\"status\":\"ACCEPTED\",\"message\":\"ok\"}";
  private static final String DEVELOPMENT_PATH =
      "/v1/models/abc/deployments/development/autoscaling_settings";

  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // Builder: the key.

  @Test
  void buildWithoutApiKeyThrowsIllegalStateException() {
    assertThatThrownBy(() -> BasetenClient.builder().build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("apiKey is required: call apiKey(...), or use BasetenClient.fromEnv()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n "})
  void blankApiKeyIsRejected(String blank) {
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(blank);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey must not be blank");
  }

  @Test
  void nullSettersThrowNullPointerExceptionNamingTheSetting() {
    assertNullRejected(b -> b.apiKey(null), "apiKey == null");
    assertNullRejected(b -> b.baseUrl(null), "baseUrl == null");
    assertNullRejected(b -> b.timeout(null), "timeout == null");
    assertNullRejected(b -> b.connectTimeout(null), "connectTimeout == null");
    assertNullRejected(b -> b.deadline(null), "deadline == null");
    assertNullRejected(b -> b.maxRetryAfter(null), "maxRetryAfter == null");
  }

  private static void assertNullRejected(Consumer<BasetenClient.Builder> setter, String message) {
    assertThatThrownBy(() -> setter.accept(BasetenClient.builder()))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(message);
  }

  // Builder: the base URL.

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "ftp://x", "", "api.baseten.co", "mailto:a@b.c"})
  void baseUrlThatIsNotHttpIsRejected(String baseUrl) {
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl is not an http:// or https:// URL: \"" + baseUrl + "\"");
  }

  @Test
  void baseUrlWithControlCharacterIsQuotedEscapedInMessage() {
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(KEY).baseUrl("ht\ntp://x");

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl is not an http:// or https:// URL: \"ht\\u000atp://x\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.baseten.co/?x=1",
        "https://api.baseten.co/v1?x",
        "https://api.baseten.co/#top",
        "https://api.baseten.co/proxy#"
      })
  void baseUrlWithQueryOrFragmentIsRejected(String baseUrl) {
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not have a query or fragment: \"" + baseUrl + "\"");
  }

  @Test
  void plainHttpToNonLoopbackHostIsRefused() {
    BasetenClient.Builder builder =
        BasetenClient.builder().apiKey(KEY).baseUrl("http://example.com");

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl uses http:// to a host that is not loopback (example.com): the API key"
                + " would cross the network in clear text; use https://, or"
                + " allowInsecureHttp(true) behind a trusted proxy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1.example.com", "http://localhost.example.com", "http://10.0.0.1"})
  void plainHttpToHostThatOnlyLooksLoopbackIsRefused(String baseUrl) {
    BasetenClient.Builder builder = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl uses http:// to a host that is not loopback (");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:1", "http://127.0.0.5:1", "http://[::1]:1"})
  void plainHttpToLoopbackIsAccepted(String baseUrl) {
    try (BasetenClient client = BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).build()) {
      assertThat(client.toString()).contains("baseUrl=" + baseUrl + "/,");
    }
  }

  @Test
  void allowInsecureHttpAcceptsPlainHttpToAnyHost() {
    try (BasetenClient client =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl("http://example.com")
            .allowInsecureHttp(true)
            .build()) {
      assertThat(client.toString()).contains("baseUrl=http://example.com/,");
    }
  }

  @Test
  void baseUrlIsTrimmedBeforeUse() {
    try (BasetenClient client =
        BasetenClient.builder().apiKey(KEY).baseUrl("  https://proxy.example.com/api \n").build()) {
      assertThat(client.toString()).contains("baseUrl=https://proxy.example.com/api,");
    }
  }

  // Builder: durations and counts.

  @Test
  void zeroTimeoutIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().timeout(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
  }

  @Test
  void negativeTimeoutIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().timeout(Duration.ofMillis(-1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-0.001S");
  }

  @Test
  void zeroOrNegativeConnectTimeoutIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().connectTimeout(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive: PT0S");
    assertThatThrownBy(() -> BasetenClient.builder().connectTimeout(Duration.ofSeconds(-5)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive: PT-5S");
  }

  @Test
  void zeroOrNegativeDeadlineIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().deadline(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline must be positive: PT0S");
    assertThatThrownBy(() -> BasetenClient.builder().deadline(Duration.ofMinutes(-1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline must be positive: PT-1M");
  }

  @Test
  void timeoutLongerThanIntegerMaxMillisIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().timeout(Duration.ofDays(30)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be at most 2147483647 ms: PT720H");
  }

  @Test
  void negativeMaxRetriesIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().maxRetries(-1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be >= 0: -1");
  }

  @Test
  void negativeMaxRetryAfterIsRejected() {
    assertThatThrownBy(() -> BasetenClient.builder().maxRetryAfter(Duration.ofSeconds(-1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetryAfter must not be negative: PT-1S");
  }

  @Test
  void zeroMaxRetriesAndZeroMaxRetryAfterAreAccepted() {
    try (BasetenClient client =
        BasetenClient.builder().apiKey(KEY).maxRetries(0).maxRetryAfter(Duration.ZERO).build()) {
      assertThat(client.toString()).contains("maxRetries=0,").endsWith("maxRetryAfter=0ms}");
    }
  }

  // toString.

  @Test
  void toStringShowsDefaultsAndNeverTheKey() {
    try (BasetenClient client = BasetenClient.builder().apiKey(KEY).build()) {
      assertThat(client.toString())
          .isEqualTo(
              "BasetenClient{baseUrl=https://api.baseten.co/, timeout=60s, connectTimeout=10s,"
                  + " maxRetries=2, deadline=120s, maxRetryAfter=60s}")
          .doesNotContain(KEY)
          .doesNotContain("SENTINEL");
    }
  }

  @Test
  void toStringShowsConfiguredSettingsAndNeverTheKey() {
    try (BasetenClient client =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl("http://127.0.0.1:8080/proxy")
            .timeout(Duration.ofMillis(1500))
            .connectTimeout(Duration.ofMillis(250))
            .maxRetries(5)
            .deadline(Duration.ofSeconds(30))
            .maxRetryAfter(Duration.ofSeconds(2))
            .build()) {
      assertThat(client.toString())
          .isEqualTo(
              "BasetenClient{baseUrl=http://127.0.0.1:8080/proxy, timeout=1.5s,"
                  + " connectTimeout=250ms, maxRetries=5, deadline=30s, maxRetryAfter=2s}")
          .doesNotContain(KEY);
    }
  }

  // fromEnv.

  @Test
  void fromEnvWithoutApiKeyThrowsNamingTheVariable() {
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_BASE_URL", server.url("/").toString());

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, name -> null))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no Baseten API key: set the BASETEN_API_KEY environment variable or the"
                + " baseten.apiKey system property, or pass the key to"
                + " BasetenClient.builder().apiKey(...)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void fromEnvWithBlankApiKeyThrowsNamingTheVariable(String blank) {
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", blank);

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, name -> null))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no Baseten API key: set the BASETEN_API_KEY environment variable or the"
                + " baseten.apiKey system property, or pass the key to"
                + " BasetenClient.builder().apiKey(...)");
  }

  @Test
  void fromEnvWithApiKeySendsItInAuthorizationHeader() throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCEPTED).build());
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", KEY);
    env.put("BASETEN_BASE_URL", server.url("/").toString());

    AutoscalingUpdate result;
    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, name -> null)) {
      result = updateAbc(client);
    }

    assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
    assertThat(request.getTarget()).isEqualTo(DEVELOPMENT_PATH);
  }

  @Test
  void fromEnvWithoutBaseUrlUsesProductionApi() {
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", KEY);

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, name -> null)) {
      assertThat(client.toString()).startsWith("BasetenClient{baseUrl=https://api.baseten.co/,");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void fromEnvWithBlankBaseUrlUsesProductionApi(String blank) {
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", KEY);
    env.put("BASETEN_BASE_URL", blank);

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, name -> null)) {
      assertThat(client.toString()).startsWith("BasetenClient{baseUrl=https://api.baseten.co/,");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proxy", "/proxy/"})
  void fromEnvHonoursBaseUrlWithPathPrefix(String prefix) throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCEPTED).build());
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", KEY);
    env.put("BASETEN_BASE_URL", " " + server.url(prefix) + " ");

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, name -> null)) {
      updateAbc(client);
    }

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/proxy" + DEVELOPMENT_PATH);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
  }

  @Test
  void fromEnvWithInvalidBaseUrlThrowsIllegalArgumentException() {
    Map<String, String> env = new HashMap<>();
    env.put("BASETEN_API_KEY", KEY);
    env.put("BASETEN_BASE_URL", "http://example.com");

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, name -> null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl uses http:// to a host that is not loopback (example.com)")
        .message()
        .doesNotContain(KEY);
  }

  @Test
  void realFromEnvWithoutApiKeyVariableThrowsIllegalStateException() {
    Assumptions.assumeTrue(
        System.getenv("BASETEN_API_KEY") == null && System.getProperty("baseten.apiKey") == null,
        "a Baseten API key is set in this process");

    assertThatThrownBy(BasetenClient::fromEnv)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no Baseten API key: set the BASETEN_API_KEY environment variable");
  }

  // close.

  @Test
  void closeTwiceIsHarmless() {
    BasetenClient client =
        BasetenClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build();

    client.close();

    assertThatCode(client::close).doesNotThrowAnyException();
  }

  @Test
  void callAfterCloseThrowsAndSendsNothing() {
    BasetenClient client =
        BasetenClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build();
    client.close();

    assertThatThrownBy(() -> updateAbc(client))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this BasetenClient is closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void clientWorksUntilClosed() throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCEPTED).build());
    BasetenClient client =
        BasetenClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build();

    AutoscalingUpdate first = updateAbc(client);
    client.close();

    assertThat(first.message()).isEqualTo("ok");
    assertThatThrownBy(() -> updateAbc(client))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this BasetenClient is closed");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static AutoscalingUpdate updateAbc(BasetenClient client) {
    return client
        .deployments()
        .development()
        .updateAutoscaling("abc", AutoscalingPatch.builder().minReplica(0).build());
  }
}
