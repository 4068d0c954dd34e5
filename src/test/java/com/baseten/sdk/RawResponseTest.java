package com.baseten.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.services.DevelopmentDeploymentService;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawResponseTest {
  private static final String PATH =
      "PATCH /v1/models/abc123/deployments/development/autoscaling_settings";
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().maxReplica(2).build();

  private final MockWebServer server = new MockWebServer();
  private BasetenClient client;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client =
        BasetenClient.builder()
            .apiKey("raw-key")
            .baseUrl("http://127.0.0.1:" + server.getPort())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private DevelopmentDeploymentService.WithRawResponse raw() {
    return client.deployments().development().withRawResponse();
  }

  @Test
  void rawCallExposesStatusHeadersRequestIdAndTheParsedValue() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("x-request-id", "req-42")
            .setHeader("X-Custom", "custom-value")
            .body("{\"status\":\"QUEUED\",\"message\":\"Deployment is busy.\"}")
            .build());

    RawResponse<AutoscalingUpdate> response = raw().updateAutoscaling("abc123", PATCH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().get("X-Custom")).isEqualTo("custom-value");
    assertThat(response.headers().get("x-custom")).isEqualTo("custom-value");
    assertThat(response.requestId()).contains("req-42");
    AutoscalingUpdate value = response.parse();
    assertThat(value.status()).isEqualTo(AutoscalingUpdate.Status.QUEUED);
    assertThat(value.message()).isEqualTo("Deployment is busy.");
    assertThat(server.takeRequest(10, SECONDS).getBody().utf8()).isEqualTo("{\"max_replica\":2}");
  }

  @Test
  void parseIsMemoizedAndReturnsTheSameInstance() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
            .build());

    RawResponse<AutoscalingUpdate> response = raw().updateAutoscaling("abc123", PATCH);

    assertThat(response.parse()).isSameAs(response.parse());
  }

  @Test
  void requestIdIsEmptyWhenTheServerSendsNone() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"ACCEPTED\",\"message\":\"ok\"}")
            .build());

    assertThat(raw().updateAutoscaling("abc123", PATCH).requestId()).isEmpty();
  }

  @Test
  void invalidBodyStillGivesAReadableRawResponseAndFailsOnParse() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("x-request-id", "req-bad")
            .body("<html>gateway says hi</html>")
            .build());

    RawResponse<AutoscalingUpdate> response = raw().updateAutoscaling("abc123", PATCH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.requestId()).contains("req-bad");
    String expected = PATH + " -> 200 OK, but the body is not JSON: <html>gateway says hi</html>";
    assertThatThrownBy(response::parse)
        .isExactlyInstanceOf(BasetenInvalidResponseException.class)
        .hasMessage(expected);
    // A failed parse is not remembered as a value: it fails the same way again.
    assertThatThrownBy(response::parse)
        .isExactlyInstanceOf(BasetenInvalidResponseException.class)
        .hasMessage(expected);
  }

  @Test
  void bodyMissingARequiredFieldFailsOnParseNamingTheField() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"ACCEPTED\"}").build());

    RawResponse<AutoscalingUpdate> response = raw().updateAutoscaling("abc123", PATCH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(response::parse)
        .isExactlyInstanceOf(BasetenInvalidResponseException.class)
        .hasMessage(
            PATH + " -> 200 OK, but the body has no string \"message\": {\"status\":\"ACCEPTED\"}");
  }

  @Test
  void http404StillThrowsFromTheRawCall() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("x-request-id", "req-404")
            .body("{\"message\":\"Model abc123 not found\"}")
            .build());

    assertThatThrownBy(() -> raw().updateAutoscaling("abc123", PATCH))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage(PATH + " -> 404 Not Found (request id req-404): Model abc123 not found");
  }

  @Test
  void rawCallValidatesArgumentsBeforeAnyIo() {
    assertThatThrownBy(() -> raw().updateAutoscaling("..", PATCH))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be \".\" or \"..\": \"..\"");
    assertThatThrownBy(() -> raw().updateAutoscaling("abc123", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("patch == null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void withRawResponseIsTheSameViewEachTime() {
    assertThat(client.deployments().development().withRawResponse()).isSameAs(raw());
  }

  @Test
  void constructorRejectsNullHeaders() {
    assertThatThrownBy(() -> new RawResponse<>(200, null, () -> "value"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("headers == null");
  }

  @Test
  void constructorRejectsNullParser() {
    assertThatThrownBy(() -> new RawResponse<String>(200, Headers.of(), null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("parser == null");
  }

  @Test
  void parserIsCalledOnlyOnceAcrossParses() {
    AtomicInteger calls = new AtomicInteger();
    RawResponse<String> response =
        new RawResponse<>(201, Headers.of(), () -> "parsed-" + calls.incrementAndGet());

    assertThat(calls).hasValue(0);
    assertThat(response.parse()).isEqualTo("parsed-1");
    assertThat(response.parse()).isEqualTo("parsed-1");
    assertThat(calls).hasValue(1);
  }

  @Test
  void parserReturningNullIsReported() {
    RawResponse<String> response = new RawResponse<>(200, Headers.of(), () -> null);

    assertThatThrownBy(response::parse)
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("parser returned null");
  }

  @Test
  void toStringShowsTheStatusOnly() {
    RawResponse<String> response =
        new RawResponse<>(
            202, Headers.of("x-request-id", "req-7", "Set-Cookie", "session=s3cr3t"), () -> "v");

    assertThat(response.toString())
        .isEqualTo("RawResponse{statusCode=202}")
        .doesNotContain("s3cr3t");
  }

  @Test
  void blankRequestIdHeaderReadsAsNoRequestId() {
    RawResponse<String> raw =
        new RawResponse<>(200, okhttp3.Headers.of("x-request-id", "  "), () -> "v");

    assertThat(raw.requestId()).isEmpty();
  }
}
