package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.models.AutoscalingPatch;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BasetenClientImpl#fromEnv}: where the key and the base URL come from. */
class FromEnvTest {
  private static final String NO_KEY =
      "no Baseten API key: set the BASETEN_API_KEY environment variable or the baseten.apiKey"
          + " system property, or pass the key to BasetenClient.builder().apiKey(...)";
  private static final String AUTOSCALING =
      "/v1/models/abc123/deployments/development/autoscaling_settings";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> props = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String prefix) {
    return "http://127.0.0.1:" + server.getPort() + prefix;
  }

  /** Builds the client from the maps, makes one call, and returns what the server received. */
  private RecordedRequest oneCall() throws InterruptedException {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
            .build());
    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, props::get)) {
      client
          .deployments()
          .development()
          .updateAutoscaling("abc123", AutoscalingPatch.builder().maxReplica(1).build());
    }
    return server.takeRequest(10, SECONDS);
  }

  @Test
  void keyAndBaseUrlComeFromTheVariables() throws Exception {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", url("/from-env"));

    RecordedRequest request = oneCall();

    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key env-key");
    assertThat(request.getTarget()).isEqualTo("/from-env" + AUTOSCALING);
  }

  @Test
  void keyAndBaseUrlComeFromThePropertiesAlone() throws Exception {
    props.put("baseten.apiKey", "prop-key");
    props.put("baseten.baseUrl", url("/from-property"));

    RecordedRequest request = oneCall();

    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key prop-key");
    assertThat(request.getTarget()).isEqualTo("/from-property" + AUTOSCALING);
  }

  @Test
  void apiKeyPropertyWinsOverTheVariable() throws Exception {
    env.put("BASETEN_API_KEY", "env-key");
    props.put("baseten.apiKey", "prop-key");
    env.put("BASETEN_BASE_URL", url(""));

    RecordedRequest request = oneCall();

    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key prop-key");
  }

  @Test
  void baseUrlPropertyWinsOverTheVariable() throws Exception {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", url("/from-env"));
    props.put("baseten.baseUrl", url("/from-property"));

    RecordedRequest request = oneCall();

    assertThat(request.getTarget()).isEqualTo("/from-property" + AUTOSCALING);
  }

  @Test
  void blankApiKeyPropertyCountsAsMissing() throws Exception {
    props.put("baseten.apiKey", " \t ");
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", url(""));

    RecordedRequest request = oneCall();

    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key env-key");
  }

  @Test
  void blankBaseUrlPropertyCountsAsMissing() throws Exception {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", url("/from-env"));
    props.put("baseten.baseUrl", "   ");

    RecordedRequest request = oneCall();

    assertThat(request.getTarget()).isEqualTo("/from-env" + AUTOSCALING);
  }

  @Test
  void baseUrlWithSurroundingSpaceIsTrimmed() throws Exception {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", "  " + url("/spaced") + "\n");

    RecordedRequest request = oneCall();

    assertThat(request.getTarget()).isEqualTo("/spaced" + AUTOSCALING);
  }

  @Test
  void missingBaseUrlMeansTheProductionApi() {
    env.put("BASETEN_API_KEY", "env-key");

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, props::get)) {
      assertThat(client.toString()).startsWith("BasetenClient{baseUrl=https://api.baseten.co/,");
    }
  }

  @Test
  void blankBaseUrlEverywhereMeansTheProductionApi() {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", "");
    props.put("baseten.baseUrl", " ");

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, props::get)) {
      assertThat(client.toString()).startsWith("BasetenClient{baseUrl=https://api.baseten.co/,");
    }
  }

  @Test
  void missingKeyEverywhereNamesTheVariableAndTheProperty() {
    env.put("BASETEN_BASE_URL", url(""));

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, props::get))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(NO_KEY);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void blankKeyEverywhereCountsAsMissing() {
    env.put("BASETEN_API_KEY", "  ");
    props.put("baseten.apiKey", "\u2003");

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, props::get))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(NO_KEY);
  }

  @Test
  void invalidBaseUrlVariableIsAnIllegalArgument() {
    env.put("BASETEN_API_KEY", "env-key");
    env.put("BASETEN_BASE_URL", "api.baseten.co");

    assertThatThrownBy(() -> BasetenClientImpl.fromEnv(env::get, props::get))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl is not an http:// or https:// URL: \"api.baseten.co\"");
  }

  @Test
  void keyFromTheEnvironmentNeverAppearsInToString() {
    env.put("BASETEN_API_KEY", "env-secret-key-123");

    try (BasetenClient client = BasetenClientImpl.fromEnv(env::get, props::get)) {
      assertThat(client.toString()).doesNotContain("env-secret-key-123");
    }
  }
}
