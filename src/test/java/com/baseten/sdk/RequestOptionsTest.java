package com.baseten.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.internal.Text;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.services.DevelopmentDeploymentService;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestOptionsTest {
  private static final String PATH =
      "PATCH /v1/models/abc123/deployments/development/autoscaling_settings";
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(1).build();

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startServer() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // Builder and value.

  @Test
  void noneOverridesNothing() {
    RequestOptions none = RequestOptions.none();

    assertThat(none.timeout()).isNull();
    assertThat(none.maxRetries()).isNull();
    assertThat(none.deadline()).isNull();
    assertThat(none.headers()).isEmpty();
    assertThat(none).isSameAs(RequestOptions.none()).isEqualTo(RequestOptions.builder().build());
  }

  @Test
  void builderKeepsEveryValueSet() {
    RequestOptions options =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .deadline(Duration.ofSeconds(30))
            .header("X-Trace-Id", "t-1")
            .header("X-Tenant", "acme")
            .build();

    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.maxRetries()).isZero();
    assertThat(options.deadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.headers())
        .containsExactly(Map.entry("X-Trace-Id", "t-1"), Map.entry("X-Tenant", "acme"));
  }

  @Test
  void timeoutMustBePositive() {
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofSeconds(-1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
  }

  @Test
  void timeoutMustFitInMilliseconds() {
    assertThatThrownBy(
            () -> RequestOptions.builder().timeout(Duration.ofMillis(Integer.MAX_VALUE + 1L)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be at most 2147483647 ms: PT596H31M23.648S");
  }

  @Test
  void deadlineMustBePositive() {
    assertThatThrownBy(() -> RequestOptions.builder().deadline(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline must be positive: PT0S");
    assertThatThrownBy(() -> RequestOptions.builder().deadline(Duration.ofMillis(-5)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline must be positive: PT-0.005S");
  }

  @Test
  void nullDurationsAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> RequestOptions.builder().timeout(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("timeout == null");
    assertThatThrownBy(() -> RequestOptions.builder().deadline(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("deadline == null");
  }

  @Test
  void maxRetriesMustNotBeNegative() {
    assertThatThrownBy(() -> RequestOptions.builder().maxRetries(-1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be >= 0: -1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "authorization",
        "AUTHORIZATION",
        "Content-Type",
        "Accept",
        "User-Agent",
        "user-agent"
      })
  void headersTheSdkOwnsAreRefused(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, "x"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header \"" + name + "\" is set by the SDK");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Accept-Encoding",
        "accept-encoding",
        "Connection",
        "Transfer-Encoding",
        "TE",
        "Expect",
        "Cookie",
        "Host",
        "Content-Length",
        "content-length"
      })
  void headersOkHttpManagesPerConnectionAreRefused(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, "gzip"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header \"" + name + "\" is managed by the HTTP connection, not per call");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X Trace", "X-Trace:", "X-Träce", "(x)", "x/y"})
  void invalidHeaderNamesAreRefused(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, "x"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid header name: " + Text.quote(name));
  }

  @Test
  void emptyHeaderNameIsRefused() {
    assertThatThrownBy(() -> RequestOptions.builder().header("", "x"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid header name: \"\"");
  }

  @Test
  void headerValueWithALineBreakIsRefusedNamingTheIndex() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Trace-Id", "t-1\r\nX-Evil: 1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header \"X-Trace-Id\" has a character not allowed in a value at index 3");
  }

  @Test
  void headerValueWithNonAsciiOrDeleteIsRefused() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Name", "caf\u00e9"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header \"X-Name\" has a character not allowed in a value at index 3");
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Name", "a\u007f"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header \"X-Name\" has a character not allowed in a value at index 1");
  }

  @Test
  void headerValueMayHoldTabsSpacesAndBeEmpty() {
    RequestOptions options =
        RequestOptions.builder().header("X-A", "a\tb c").header("X-Empty", "").build();

    assertThat(options.headers()).containsEntry("X-A", "a\tb c").containsEntry("X-Empty", "");
  }

  @Test
  void nullHeaderNameOrValueIsRefused() {
    assertThatThrownBy(() -> RequestOptions.builder().header(null, "x"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("name == null");
    assertThatThrownBy(() -> RequestOptions.builder().header("X-A", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("value == null");
  }

  @Test
  void headerReplacesOneOfTheSameNameInAnyCase() {
    RequestOptions options =
        RequestOptions.builder()
            .header("X-Trace-Id", "first")
            .header("X-Other", "o")
            .header("x-trace-id", "second")
            .build();

    assertThat(options.headers())
        .containsExactly(Map.entry("X-Other", "o"), Map.entry("x-trace-id", "second"));
  }

  @Test
  void headersCannotBeChangedThroughTheMap() {
    RequestOptions options = RequestOptions.builder().header("X-A", "1").build();

    assertThatThrownBy(() -> options.headers().put("Authorization", "Api-Key stolen"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(options.headers()).containsOnlyKeys("X-A");
  }

  @Test
  void laterBuilderChangesDoNotReachBuiltOptions() {
    RequestOptions.Builder builder = RequestOptions.builder().header("X-A", "1");
    RequestOptions built = builder.build();

    builder.header("X-B", "2").maxRetries(3);

    assertThat(built.headers()).containsOnlyKeys("X-A");
    assertThat(built.maxRetries()).isNull();
  }

  @Test
  void toBuilderCopiesEveryValueAndEditsLeaveTheOriginalAlone() {
    RequestOptions original =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(1)
            .deadline(Duration.ofSeconds(20))
            .header("X-Trace-Id", "t-1")
            .build();

    RequestOptions copy = original.toBuilder().build();
    RequestOptions edited = original.toBuilder().maxRetries(4).header("X-More", "m").build();

    assertThat(copy).isEqualTo(original).isNotSameAs(original);
    assertThat(edited.maxRetries()).isEqualTo(4);
    assertThat(edited.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(edited.headers()).containsOnlyKeys("X-Trace-Id", "X-More");
    assertThat(original.maxRetries()).isEqualTo(1);
    assertThat(original.headers()).containsOnlyKeys("X-Trace-Id");
  }

  @Test
  void optionsWithTheSameValuesAreEqualWithEqualHashCodes() {
    RequestOptions a =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .deadline(Duration.ofSeconds(9))
            .header("X-A", "1")
            .build();
    RequestOptions b =
        RequestOptions.builder()
            .header("X-A", "1")
            .deadline(Duration.ofSeconds(9))
            .maxRetries(0)
            .timeout(Duration.ofSeconds(5))
            .build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isEqualTo(a);
  }

  @Test
  void optionsDifferingInAnyValueAreNotEqual() {
    RequestOptions base =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .deadline(Duration.ofSeconds(9))
            .header("X-A", "1")
            .build();

    assertThat(base).isNotEqualTo(base.toBuilder().timeout(Duration.ofSeconds(6)).build());
    assertThat(base).isNotEqualTo(base.toBuilder().maxRetries(1).build());
    assertThat(base).isNotEqualTo(base.toBuilder().deadline(Duration.ofSeconds(10)).build());
    assertThat(base).isNotEqualTo(base.toBuilder().header("X-A", "2").build());
    assertThat(base).isNotEqualTo(base.toBuilder().header("X-B", "1").build());
    assertThat(base).isNotEqualTo(RequestOptions.none());
    assertThat(base).isNotEqualTo(null);
    assertThat(base).isNotEqualTo("RequestOptions");
  }

  @Test
  void toStringShowsSettingsAndHeaderNamesButNoHeaderValues() {
    RequestOptions options =
        RequestOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .deadline(Duration.ofSeconds(30))
            .header("X-Trace-Id", "secret-trace-token")
            .header("X-Tenant", "acme-tenant")
            .build();

    assertThat(options.toString())
        .isEqualTo(
            "RequestOptions{timeout=5s, maxRetries=0, deadline=30s,"
                + " headers=[X-Trace-Id, X-Tenant]}")
        .doesNotContain("secret-trace-token")
        .doesNotContain("acme-tenant");
  }

  @Test
  void toStringOfNoneShowsNulls() {
    assertThat(RequestOptions.none().toString())
        .isEqualTo(
            "RequestOptions{timeout=default, maxRetries=default, deadline=default, headers=[]}");
  }

  // Against a server.

  private BasetenClient client(BasetenClient.Builder builder) {
    return builder.apiKey("options-key").baseUrl("http://127.0.0.1:" + server.getPort()).build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder()
        .code(200)
        .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
        .build();
  }

  private static MockResponse retryable(int code) {
    return new MockResponse.Builder().code(code).setHeader("retry-after-ms", "0").build();
  }

  private static MockResponse stalled() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  private static DevelopmentDeploymentService development(BasetenClient client) {
    return client.deployments().development();
  }

  @Test
  void extraHeaderArrivesOnEveryAttemptIncludingARetry() throws Exception {
    server.enqueue(retryable(503));
    server.enqueue(ok());
    RequestOptions options = RequestOptions.builder().header("X-Trace-Id", "t-1").build();

    try (BasetenClient client = client(BasetenClient.builder())) {
      AutoscalingUpdate result = development(client).updateAutoscaling("abc123", PATCH, options);

      assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
    RecordedRequest first = server.takeRequest(10, SECONDS);
    RecordedRequest retry = server.takeRequest(10, SECONDS);
    assertThat(first.getHeaders().values("X-Trace-Id")).containsExactly("t-1");
    assertThat(retry.getHeaders().values("X-Trace-Id")).containsExactly("t-1");
    assertThat(retry.getHeaders().get("Authorization")).isEqualTo("Api-Key options-key");
  }

  @Test
  void extraHeaderArrivesOnAnAsyncCallToo() throws Exception {
    server.enqueue(ok());
    RequestOptions options = RequestOptions.builder().header("X-Trace-Id", "t-2").build();

    try (BasetenClient client = client(BasetenClient.builder())) {
      client
          .async()
          .deployments()
          .development()
          .updateAutoscaling("abc123", PATCH, options)
          .get(10, SECONDS);
    }
    assertThat(server.takeRequest(10, SECONDS).getHeaders().get("X-Trace-Id")).isEqualTo("t-2");
  }

  @Test
  void extraHeaderArrivesOnARawResponseCall() throws Exception {
    server.enqueue(ok());
    RequestOptions options = RequestOptions.builder().header("X-Trace-Id", "t-3").build();

    try (BasetenClient client = client(BasetenClient.builder())) {
      assertThat(
              development(client)
                  .withRawResponse()
                  .updateAutoscaling("abc123", PATCH, options)
                  .statusCode())
          .isEqualTo(200);
    }
    assertThat(server.takeRequest(10, SECONDS).getHeaders().get("X-Trace-Id")).isEqualTo("t-3");
  }

  @Test
  void perCallMaxRetriesZeroOverridesTheClientsRetries() {
    server.enqueue(retryable(500));
    server.enqueue(ok());
    RequestOptions noRetries = RequestOptions.builder().maxRetries(0).build();

    try (BasetenClient client = client(BasetenClient.builder().maxRetries(2))) {
      assertThatThrownBy(() -> development(client).updateAutoscaling("abc123", PATCH, noRetries))
          .isExactlyInstanceOf(InternalServerException.class)
          .hasMessage(PATH + " -> 500 Internal Server Error (attempt 1 of 1)");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void perCallMaxRetriesZeroSendsA503WithRetryAfterZeroOnlyOnce() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    server.enqueue(ok());
    RequestOptions noRetries = RequestOptions.builder().maxRetries(0).build();

    try (BasetenClient client = client(BasetenClient.builder())) {
      assertThatThrownBy(() -> development(client).updateAutoscaling("abc123", PATCH, noRetries))
          .isExactlyInstanceOf(InternalServerException.class)
          .hasMessage(PATH + " -> 503 Service Unavailable (attempt 1 of 1)");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void perCallMaxRetriesCanAlsoRaiseTheClientsRetries() {
    server.enqueue(retryable(502));
    server.enqueue(retryable(502));
    server.enqueue(ok());
    RequestOptions twoRetries = RequestOptions.builder().maxRetries(2).build();

    try (BasetenClient client = client(BasetenClient.builder().maxRetries(0))) {
      AutoscalingUpdate result = development(client).updateAutoscaling("abc123", PATCH, twoRetries);

      assertThat(result.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void perCallTimeoutOverridesTheClientsTimeout() {
    server.enqueue(stalled());
    RequestOptions quick =
        RequestOptions.builder().timeout(Duration.ofMillis(300)).maxRetries(0).build();

    try (BasetenClient client = client(BasetenClient.builder().timeout(Duration.ofMinutes(5)))) {
      Throwable thrown =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  catchThrowable(
                      () -> development(client).updateAutoscaling("abc123", PATCH, quick)));

      assertThat(thrown)
          .isExactlyInstanceOf(BasetenTimeoutException.class)
          .hasMessageStartingWith(PATH + " timed out (timeout 300ms; attempt 1 of 1): ");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void perCallDeadlineOverridesTheClientsDeadline() {
    server.enqueue(stalled());
    server.enqueue(stalled());
    RequestOptions shortDeadline =
        RequestOptions.builder().deadline(Duration.ofMillis(300)).build();

    try (BasetenClient client =
        client(BasetenClient.builder().timeout(Duration.ofMinutes(5)).maxRetries(2))) {
      Throwable thrown =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  catchThrowable(
                      () -> development(client).updateAutoscaling("abc123", PATCH, shortDeadline)));

      assertThat(thrown)
          .isExactlyInstanceOf(BasetenTimeoutException.class)
          .hasMessageContaining("deadline 300ms reached");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unsetRetriesFallBackToTheClients() {
    server.enqueue(retryable(500));
    server.enqueue(retryable(500));
    server.enqueue(ok());
    RequestOptions headerOnly = RequestOptions.builder().header("X-Trace-Id", "t-1").build();

    try (BasetenClient client = client(BasetenClient.builder().maxRetries(1))) {
      assertThatThrownBy(() -> development(client).updateAutoscaling("abc123", PATCH, headerOnly))
          .isExactlyInstanceOf(InternalServerException.class)
          .hasMessage(PATH + " -> 500 Internal Server Error (attempt 2 of 2)");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void unsetTimeoutFallsBackToTheClients() {
    server.enqueue(stalled());
    RequestOptions headerOnly = RequestOptions.builder().header("X-Trace-Id", "t-1").build();

    try (BasetenClient client =
        client(BasetenClient.builder().timeout(Duration.ofMillis(300)).maxRetries(0))) {
      Throwable thrown =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  catchThrowable(
                      () -> development(client).updateAutoscaling("abc123", PATCH, headerOnly)));

      assertThat(thrown)
          .isExactlyInstanceOf(BasetenTimeoutException.class)
          .hasMessageStartingWith(PATH + " timed out (timeout 300ms; attempt 1 of 1): ");
    }
  }

  @Test
  void callWithoutOptionsUsesTheClientsSettings() {
    server.enqueue(retryable(503));
    server.enqueue(retryable(503));

    try (BasetenClient client = client(BasetenClient.builder().maxRetries(1))) {
      assertThatThrownBy(() -> development(client).updateAutoscaling("abc123", PATCH))
          .isExactlyInstanceOf(InternalServerException.class)
          .hasMessage(PATH + " -> 503 Service Unavailable (attempt 2 of 2)");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void nullOptionsAreRefusedBeforeAnyIo() {
    try (BasetenClient client = client(BasetenClient.builder())) {
      assertThatThrownBy(() -> development(client).updateAutoscaling("abc123", PATCH, null))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("options == null");
      assertThatThrownBy(
              () -> development(client).withRawResponse().updateAutoscaling("abc123", PATCH, null))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("options == null");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
