package com.baseten.sdk.services;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.ConflictException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.errors.PermissionDeniedException;
import com.baseten.sdk.errors.RateLimitException;
import com.baseten.sdk.errors.UnexpectedStatusException;
import com.baseten.sdk.errors.UnprocessableEntityException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.models.AutoscalingUpdate.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentDeploymentServiceTest {
  private static final String KEY = "sk-SENTINEL-4f1c9e";
  private static final String PATH = "/v1/models/abc/deployments/development/autoscaling_settings";
  private static final String DESCRIBED = "PATCH " + PATH;
  private static final String ACCEPTED = "{\"status\":\"ACCEPTED\",\"message\":\"ok\"}";
  private static final AutoscalingPatch MIN_ZERO = AutoscalingPatch.builder().minReplica(0).build();

  private MockWebServer server;
  private BasetenClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    // No retries: every test sees exactly one request and never sleeps.
    client = clientFor(server.url("/").toString());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static BasetenClient clientFor(String baseUrl) {
    return BasetenClient.builder().apiKey(KEY).baseUrl(baseUrl).maxRetries(0).build();
  }

  private DevelopmentDeploymentService development() {
    return client.deployments().development();
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  // The request.

  @Test
  void sendsRequestLineAndEveryHeader() throws Exception {
    enqueue(200, ACCEPTED);

    development().updateAutoscaling("abc123", MIN_ZERO);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestLine())
        .isEqualTo("PATCH /v1/models/abc123/deployments/development/autoscaling_settings HTTP/1.1");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent"))
        .isEqualTo(
            "baseten-java/0.1.0-SNAPSHOT (Java "
                + System.getProperty("java.version")
                + "; "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch")
                + ")");
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo("17");
    // Nothing else is sent: the rest is what OkHttp adds to every request.
    assertThat(request.getHeaders().names())
        .containsExactlyInAnyOrder(
            "Authorization",
            "Accept",
            "User-Agent",
            "Content-Type",
            "Content-Length",
            "Host",
            "Connection",
            "Accept-Encoding");
    assertThat(request.getHeaders().values("Authorization")).hasSize(1);
  }

  @Test
  void emptyPatchSendsEmptyObject() throws Exception {
    enqueue(200, ACCEPTED);

    development().updateAutoscaling("abc", AutoscalingPatch.builder().build());

    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{}");
  }

  @Test
  void minReplicaZeroIsSentAndNothingElse() throws Exception {
    enqueue(200, ACCEPTED);

    development().updateAutoscaling("abc", MIN_ZERO);

    assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"min_replica\":0}");
  }

  @Test
  void allEightFieldsAreSentInWireOrderWithDurationsAsWholeSeconds() throws Exception {
    enqueue(200, ACCEPTED);
    // Set in a different order from the wire order, to show the order is fixed.
    AutoscalingPatch patch =
        AutoscalingPatch.builder()
            .maxScaleDownRate(50)
            .targetInFlightTokens(4096)
            .targetUtilizationPercentage(70)
            .concurrencyTarget(2)
            .scaleDownDelay(Duration.ofMinutes(15))
            .autoscalingWindow(Duration.ofSeconds(60))
            .maxReplica(5)
            .minReplica(0)
            .build();

    development().updateAutoscaling("abc", patch);

    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"min_replica\":0,\"max_replica\":5,\"autoscaling_window\":60,"
                + "\"scale_down_delay\":900,\"concurrency_target\":2,"
                + "\"target_utilization_percentage\":70,\"target_in_flight_tokens\":4096,"
                + "\"max_scale_down_rate\":50}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proxy/", "/proxy"})
  void baseUrlPathPrefixIsKept(String prefix) throws Exception {
    enqueue(200, ACCEPTED);

    try (BasetenClient proxied = clientFor(server.url(prefix).toString())) {
      proxied.deployments().development().updateAutoscaling("abc", MIN_ZERO);
    }

    assertThat(server.takeRequest().getTarget()).isEqualTo("/proxy" + PATH);
  }

  // The answer.

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"ACCEPTED", "QUEUED", "UNCHANGED"})
  void knownStatusIsMappedAndMessageKept(Status status) {
    enqueue(200, "{\"status\":\"" + status.name() + "\",\"message\":\"Settings updated.\"}");

    AutoscalingUpdate result = development().updateAutoscaling("abc", MIN_ZERO);

    assertThat(result.status()).isEqualTo(status);
    assertThat(result.rawStatus()).isEqualTo(status.name());
    assertThat(result.message()).isEqualTo("Settings updated.");
  }

  @Test
  void unknownStatusIsUnknownWithRawStatusKept() {
    enqueue(200, "{\"status\":\"PAUSED\",\"message\":\"later\"}");

    AutoscalingUpdate result = development().updateAutoscaling("abc", MIN_ZERO);

    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.rawStatus()).isEqualTo("PAUSED");
    assertThat(result.message()).isEqualTo("later");
  }

  @Test
  void statusIsMatchedExactlyNotIgnoringCase() {
    enqueue(200, "{\"status\":\"accepted\",\"message\":\"\"}");

    AutoscalingUpdate result = development().updateAutoscaling("abc", MIN_ZERO);

    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.rawStatus()).isEqualTo("accepted");
    assertThat(result.message()).isEmpty();
  }

  @Test
  void unknownFieldsInAnswerAreIgnored() {
    enqueue(
        200,
        "{\"region\":\"us-east\",\"status\":\"QUEUED\",\"extra\":{\"a\":[1,2]},"
            + "\"message\":\"queued\",\"environment\":null}");

    AutoscalingUpdate result = development().updateAutoscaling("abc", MIN_ZERO);

    assertThat(result.status()).isEqualTo(Status.QUEUED);
    assertThat(result.message()).isEqualTo("queued");
  }

  // Error statuses.

  static Stream<Arguments> errorStatuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class, "400 Bad Request"),
        Arguments.of(401, AuthenticationException.class, "401 Unauthorized"),
        Arguments.of(403, PermissionDeniedException.class, "403 Forbidden"),
        Arguments.of(404, NotFoundException.class, "404 Not Found"),
        Arguments.of(409, ConflictException.class, "409 Conflict"),
        Arguments.of(422, UnprocessableEntityException.class, "422 Unprocessable Entity"),
        Arguments.of(429, RateLimitException.class, "429 Too Many Requests (attempt 1 of 1)"),
        Arguments.of(
            500, InternalServerException.class, "500 Internal Server Error (attempt 1 of 1)"),
        Arguments.of(
            503, InternalServerException.class, "503 Service Unavailable (attempt 1 of 1)"),
        // MockWebServer sends the reason phrase "Client Error" for a code it does not name.
        Arguments.of(418, UnexpectedStatusException.class, "418 Client Error"));
  }

  @ParameterizedTest
  @MethodSource("errorStatuses")
  void errorStatusThrowsTypedExceptionWithOneLineMessage(
      int code, Class<? extends BasetenServiceException> type, String statusPart) {
    String body = "{\"message\":\"model not found\"}";
    enqueue(code, body);

    BasetenServiceException e = callExpecting(BasetenServiceException.class);

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e.body()).isEqualTo(body);
    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> " + statusPart + ": model not found");
    assertThat(e.requestId()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertKeyNotLeaked(e);
  }

  @Test
  void serverReasonPhraseIsUsedForUnnamedStatus() {
    server.enqueue(
        new MockResponse.Builder()
            .status("HTTP/1.1 418 I'm a teapot")
            .body("{\"message\":\"short and stout\"}")
            .build());

    UnexpectedStatusException e = callExpecting(UnexpectedStatusException.class);

    assertThat(e.statusCode()).isEqualTo(418);
    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 418 I'm a teapot: short and stout");
  }

  @Test
  void requestIdIsShownInMessageAndExposed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("x-request-id", "req-42")
            .body("{\"message\":\"model not found\"}")
            .build());

    NotFoundException e = callExpecting(NotFoundException.class);

    assertThat(e.getMessage())
        .isEqualTo(DESCRIBED + " -> 404 Not Found (request id req-42): model not found");
    assertThat(e.requestId()).isEqualTo(Optional.of("req-42"));
    assertThat(e.headers().get("x-request-id")).isEqualTo("req-42");
  }

  @Test
  void requestIdAndAttemptShareOneParenthesis() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("x-request-id", "req-42")
            .body("{\"message\":\"overloaded\"}")
            .build());

    InternalServerException e = callExpecting(InternalServerException.class);

    assertThat(e.getMessage())
        .isEqualTo(
            DESCRIBED
                + " -> 503 Service Unavailable (request id req-42; attempt 1 of 1): overloaded");
  }

  @Test
  void detailIsUsedWhenMessageIsAbsent() {
    enqueue(422, "{\"detail\":\"max_replica must be <= 10\"}");

    UnprocessableEntityException e = callExpecting(UnprocessableEntityException.class);

    assertThat(e.getMessage())
        .isEqualTo(DESCRIBED + " -> 422 Unprocessable Entity: max_replica must be <= 10");
  }

  @Test
  void errorIsUsedWhenMessageAndDetailAreAbsent() {
    enqueue(401, "{\"error\":\"invalid api key\"}");

    AuthenticationException e = callExpecting(AuthenticationException.class);

    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 401 Unauthorized: invalid api key");
  }

  @Test
  void messageWinsOverDetailAndError() {
    enqueue(400, "{\"error\":\"E\",\"detail\":\"D\",\"message\":\"M\"}");

    BadRequestException e = callExpecting(BadRequestException.class);

    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 400 Bad Request: M");
  }

  @Test
  void structuredDetailIsShownAsJson() {
    enqueue(422, "{\"detail\":[{\"loc\":[\"body\",\"min_replica\"],\"msg\":\"bad\"}]}");

    UnprocessableEntityException e = callExpecting(UnprocessableEntityException.class);

    assertThat(e.getMessage())
        .isEqualTo(
            DESCRIBED
                + " -> 422 Unprocessable Entity: [{\"loc\":[\"body\",\"min_replica\"],\"msg\":\"bad\"}]");
  }

  @Test
  void errorWithoutKnownFieldShowsRawBody() {
    enqueue(409, "{\"code\":\"busy\"}");

    ConflictException e = callExpecting(ConflictException.class);

    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 409 Conflict: {\"code\":\"busy\"}");
  }

  @Test
  void errorWithEmptyBodyEndsAtStatus() {
    enqueue(403, "");

    PermissionDeniedException e = callExpecting(PermissionDeniedException.class);

    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 403 Forbidden");
    assertThat(e.body()).isEmpty();
  }

  @Test
  void htmlErrorPageIsShownOnOneLineCutAt500Characters() {
    String page =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>\n\t<center><h1>"
            + "502 Bad Gateway</h1></center>\n<p>"
            + "x".repeat(600)
            + "</p>\n</body>\n</html>\n";
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body(page)
            .build());

    InternalServerException e = callExpecting(InternalServerException.class);

    String oneLine = page.replaceAll("\\s+", " ").strip();
    assertThat(e.getMessage())
        .isEqualTo(
            DESCRIBED
                + " -> 502 Bad Gateway (attempt 1 of 1): "
                + oneLine.substring(0, 500)
                + "...")
        .doesNotContain("\n")
        .doesNotContain("\r")
        .doesNotContain("\t");
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.body()).isEqualTo(page);
    assertKeyNotLeaked(e);
  }

  @Test
  void redirectIsNotFollowed() {
    server.enqueue(
        new MockResponse.Builder()
            .status("HTTP/1.1 302 Found")
            .addHeader("Location", server.url("/elsewhere").toString())
            .build());
    enqueue(200, ACCEPTED);

    UnexpectedStatusException e = callExpecting(UnexpectedStatusException.class);

    assertThat(e.statusCode()).isEqualTo(302);
    assertThat(e.getMessage())
        .isEqualTo(
            DESCRIBED + " -> 302 Found, redirect to " + server.url("/elsewhere") + " not followed");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertKeyNotLeaked(e);
  }

  // 2xx answers that are not the documented JSON.

  static Stream<Arguments> invalidSuccessBodies() {
    return Stream.of(
        Arguments.of("<html>hello</html>", "the body is not JSON: <html>hello</html>"),
        Arguments.of("", "the body is empty"),
        Arguments.of(
            "{\"message\":\"x\"}", "the body has no string \"status\": {\"message\":\"x\"}"),
        Arguments.of(
            "{\"status\":\"ACCEPTED\"}",
            "the body has no string \"message\": {\"status\":\"ACCEPTED\"}"),
        Arguments.of(
            "{\"status\":5,\"message\":\"x\"}",
            "the body has no string \"status\": {\"status\":5,\"message\":\"x\"}"),
        Arguments.of(
            "{\"status\":\"ACCEPTED\",\"message\":null}",
            "the body has no string \"message\": {\"status\":\"ACCEPTED\",\"message\":null}"),
        Arguments.of("[]", "the body is not a JSON object: []"),
        Arguments.of("null", "the body is not a JSON object: null"),
        Arguments.of(
            "{\"status\":\"ACCEPTED\",\"message\":\"ok\"} trailing",
            "the body is not JSON: {\"status\":\"ACCEPTED\",\"message\":\"ok\"} trailing"));
  }

  @ParameterizedTest
  @MethodSource("invalidSuccessBodies")
  void successWithUndocumentedBodyThrowsInvalidResponse(String body, String problem) {
    enqueue(200, body);

    BasetenInvalidResponseException e = callExpecting(BasetenInvalidResponseException.class);

    assertThat(e.getMessage()).isEqualTo(DESCRIBED + " -> 200 OK, but " + problem);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertKeyNotLeaked(e);
  }

  @Test
  void invalidResponseExcerptIsCutAt200CharactersOnOneLine() {
    String body = "not json\n" + "y".repeat(300);
    enqueue(200, body);

    BasetenInvalidResponseException e = callExpecting(BasetenInvalidResponseException.class);

    assertThat(e.getMessage())
        .isEqualTo(
            DESCRIBED
                + " -> 200 OK, but the body is not JSON: not json "
                + "y".repeat(191)
                + "...");
  }

  // Path parameters.

  static Stream<Arguments> hostileIds() {
    return Stream.of(
        Arguments.of("a/b", "a%2Fb"),
        Arguments.of("%2F", "%252F"),
        Arguments.of("a b", "a%20b"),
        Arguments.of("ü", "%C3%BC"),
        Arguments.of("?x=1", "%3Fx=1"),
        Arguments.of("#frag", "%23frag"),
        Arguments.of("...", "..."),
        Arguments.of("%2e%2e", "%252e%252e"),
        Arguments.of("a\\b", "a%5Cb"));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void hostileModelIdIsSentAsOneEncodedSegment(String id, String encoded) throws Exception {
    enqueue(200, ACCEPTED);

    development().updateAutoscaling(id, MIN_ZERO);

    RecordedRequest request = server.takeRequest();
    String target = request.getTarget();
    assertThat(target)
        .isEqualTo("/v1/models/" + encoded + "/deployments/development/autoscaling_settings");
    String[] segments = target.substring(1).split("/", -1);
    assertThat(segments).hasSize(6);
    assertThat(percentDecode(segments[2])).isEqualTo(id);
    assertThat(request.getUrl().pathSegments())
        .containsExactly("v1", "models", id, "deployments", "development", "autoscaling_settings");
  }

  private static String percentDecode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(UTF_8);
  }

  @Test
  void nullModelIdIsRejectedBeforeSending() {
    assertThatThrownBy(() -> development().updateAutoscaling(null, MIN_ZERO))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("modelId == null");
    assertThat(server.getRequestCount()).isZero();
  }

  static Stream<Arguments> invalidIds() {
    return Stream.of(
        Arguments.of("", "modelId must not be blank: \"\""),
        Arguments.of("   ", "modelId must not be blank: \"   \""),
        Arguments.of("\t\n", "modelId must not be blank: \"\\u0009\\u000a\""),
        Arguments.of(".", "modelId must not be \".\" or \"..\": \".\""),
        Arguments.of("..", "modelId must not be \".\" or \"..\": \"..\""));
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void invalidModelIdIsRejectedBeforeSending(String id, String message) {
    assertThatThrownBy(() -> development().updateAutoscaling(id, MIN_ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nullPatchIsRejectedBeforeSending() {
    assertThatThrownBy(() -> development().updateAutoscaling("abc", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("patch == null");
    assertThat(server.getRequestCount()).isZero();
  }

  static Stream<Arguments> invalidPatches() {
    return Stream.of(
        Arguments.of(
            (Supplier<AutoscalingPatch>) () -> AutoscalingPatch.builder().minReplica(-1).build(),
            "minReplica must be >= 0: -1"),
        Arguments.of(
            (Supplier<AutoscalingPatch>) () -> AutoscalingPatch.builder().maxReplica(0).build(),
            "maxReplica must be >= 1: 0"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().minReplica(3).maxReplica(2).build(),
            "minReplica > maxReplica: 3 > 2"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().autoscalingWindow(Duration.ofMillis(1500)).build(),
            "autoscalingWindow must be whole seconds: PT1.5S"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().scaleDownDelay(Duration.ofSeconds(-1)).build(),
            "scaleDownDelay must not be negative: PT-1S"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().concurrencyTarget(0).build(),
            "concurrencyTarget must be >= 1: 0"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().targetUtilizationPercentage(0).build(),
            "targetUtilizationPercentage must be >= 1: 0"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().targetInFlightTokens(0).build(),
            "targetInFlightTokens must be >= 1: 0"),
        Arguments.of(
            (Supplier<AutoscalingPatch>)
                () -> AutoscalingPatch.builder().maxScaleDownRate(51).build(),
            "maxScaleDownRate must be within 1..50: 51"));
  }

  @ParameterizedTest
  @MethodSource("invalidPatches")
  void invalidPatchNeverReachesServer(Supplier<AutoscalingPatch> patch, String message) {
    enqueue(200, ACCEPTED);

    assertThatThrownBy(() -> development().updateAutoscaling("abc", patch.get()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(server.getRequestCount()).isZero();
  }

  // Network failures.

  @Test
  void serverThatNeverAnswersTimesOut() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    try (BasetenClient impatient =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl(server.url("/").toString())
            .timeout(Duration.ofMillis(300))
            .maxRetries(0)
            .build()) {
      Throwable e =
          catchThrowable(
              () -> impatient.deployments().development().updateAutoscaling("abc", MIN_ZERO));

      assertThat(e)
          .isExactlyInstanceOf(BasetenTimeoutException.class)
          .hasMessageStartingWith(DESCRIBED + " timed out (timeout 300ms; attempt 1 of 1): ")
          .hasCauseInstanceOf(InterruptedIOException.class);
      assertThat(e.getMessage()).doesNotContain("\n");
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertKeyNotLeaked(e);
    }
  }

  @Test
  void slowHeadersTimeOut() {
    server.enqueue(
        new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(ACCEPTED).build());
    try (BasetenClient impatient =
        BasetenClient.builder()
            .apiKey(KEY)
            .baseUrl(server.url("/").toString())
            .timeout(Duration.ofMillis(300))
            .maxRetries(0)
            .build()) {

      Throwable e =
          catchThrowable(
              () -> impatient.deployments().development().updateAutoscaling("abc", MIN_ZERO));

      assertThat(e)
          .isExactlyInstanceOf(BasetenTimeoutException.class)
          .hasMessageStartingWith(DESCRIBED + " timed out (timeout 300ms");
      assertKeyNotLeaked(e);
    }
  }

  @Test
  void refusedConnectionThrowsIoExceptionNotTimeout() throws IOException {
    MockWebServer closed = new MockWebServer();
    closed.start(InetAddress.getByName("127.0.0.1"), 0);
    String baseUrl = closed.url("/").toString();
    closed.close();

    try (BasetenClient refused = clientFor(baseUrl)) {
      Throwable e =
          catchThrowable(
              () -> refused.deployments().development().updateAutoscaling("abc", MIN_ZERO));

      assertThat(e)
          .isExactlyInstanceOf(BasetenIoException.class)
          .isNotInstanceOf(BasetenTimeoutException.class)
          .hasMessageStartingWith(DESCRIBED + " failed (attempt 1 of 1): ConnectException")
          .hasCauseInstanceOf(ConnectException.class);
      assertKeyNotLeaked(e);
    }
  }

  @Test
  void connectionDroppedBeforeAnswerThrowsIoException() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, true, true))
            .build());

    BasetenIoException e = callExpecting(BasetenIoException.class);

    assertThat(e)
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasMessageStartingWith(DESCRIBED + " failed (attempt 1 of 1): ");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertKeyNotLeaked(e);
  }

  // The key never leaks.

  @Test
  void apiKeyAppearsInNoFailureOfAnyKind() {
    List<Throwable> failures = new ArrayList<>();
    for (int code : new int[] {400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 418, 302}) {
      server.enqueue(
          new MockResponse.Builder()
              .code(code)
              .addHeader("x-request-id", "req-" + code)
              .addHeader("Location", "https://example.com/")
              .body("{\"message\":\"failed\"}")
              .build());
      failures.add(callExpecting(BasetenServiceException.class));
    }
    enqueue(200, "not json");
    failures.add(callExpecting(BasetenInvalidResponseException.class));
    failures.add(catchThrowable(() -> development().updateAutoscaling("..", MIN_ZERO)));
    failures.add(catchThrowable(() -> development().updateAutoscaling("abc", null)));

    assertThat(failures).hasSize(15).doesNotContainNull();
    failures.forEach(DevelopmentDeploymentServiceTest::assertKeyNotLeaked);
    assertThat(client.toString()).doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {KEY + "\n", KEY + "\r", "sk-SENTINEL-\u00fc"})
  void apiKeyThatCannotBeAHeaderFailsWithoutEchoingIt(String badKey) {
    // Whether build() or the call refuses it, the key must not be sent or shown.
    Throwable e =
        catchThrowable(
            () -> {
              try (BasetenClient bad =
                  BasetenClient.builder()
                      .apiKey(badKey)
                      .baseUrl(server.url("/").toString())
                      .maxRetries(0)
                      .build()) {
                bad.deployments().development().updateAutoscaling("abc", MIN_ZERO);
              }
            });

    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertKeyNotLeaked(e);
    assertThat(server.getRequestCount()).isZero();
  }

  /** Checks the message and toString of {@code e}, of every cause, and of every suppressed one. */
  private static void assertKeyNotLeaked(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>();
    pending.add(e);
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (t == null || !seen.add(t)) {
        continue;
      }
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY).doesNotContain("SENTINEL");
      assertThat(t.toString()).doesNotContain(KEY).doesNotContain("SENTINEL");
      pending.add(t.getCause());
      pending.addAll(List.of(t.getSuppressed()));
    }
  }

  private <T extends Throwable> T callExpecting(Class<T> type) {
    Throwable thrown = catchThrowable(() -> development().updateAutoscaling("abc", MIN_ZERO));
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }
}
