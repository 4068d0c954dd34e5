package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A 200 whose body is not the documented answer is an error, and is not sent again. */
class MalformedResponseTest {
  private static final AutoscalingPatch PATCH = AutoscalingPatch.builder().minReplica(1).build();

  private final FakeTime time = new FakeTime();
  private MockWebServer server;
  private BasetenClientImpl client;

  @BeforeEach
  void start() {
    server = TestServers.start();
    client =
        new BasetenClientImpl(
            ClientOptions.builder()
                .apiKey("test-key")
                .baseUrl(TestServers.baseUrl(server))
                .timing(time, time, () -> 1.0)
                .build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("", "the body is empty"),
        Arguments.of("   \n", "the body is empty"),
        Arguments.of("null", "the body is not a JSON object"),
        Arguments.of("[]", "the body is not a JSON object"),
        Arguments.of("5", "the body is not a JSON object"),
        Arguments.of("\"ACCEPTED\"", "the body is not a JSON object"),
        Arguments.of("{}", "the body has no string \"status\""),
        Arguments.of("{\"status\": 5, \"message\": \"x\"}", "the body has no string \"status\""),
        Arguments.of("{\"status\": null, \"message\": \"x\"}", "the body has no string \"status\""),
        Arguments.of("{\"status\": \"ACCEPTED\"}", "the body has no string \"message\""),
        Arguments.of(
            "{\"status\": \"ACCEPTED\", \"message\": {\"text\": \"x\"}}",
            "the body has no string \"message\""),
        Arguments.of("{\"status\":\"ACC", "the body is not JSON"),
        Arguments.of(
            "{\"status\":\"ACCEPTED\",\"message\":\"ok\"} trailing", "the body is not JSON"),
        Arguments.of(
            "{\"status\":\"ACCEPTED\",\"message\":\"ok\"}{\"status\":\"QUEUED\",\"message\":\"ok\"}",
            "the body is not JSON"),
        Arguments.of("<html>OK</html>", "the body is not JSON"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @MethodSource("malformedBodies")
  void malformedSuccessBodyIsRejectedWithoutRetrying(String body, String problem) {
    server.enqueue(TestServers.json(200, body));
    server.enqueue(TestServers.accepted());

    BasetenInvalidResponseException e =
        catchThrowableOfType(BasetenInvalidResponseException.class, this::update);

    assertThat(e.getMessage())
        .startsWith("PATCH " + TestServers.PATH + " -> 200 OK, but " + problem)
        .doesNotContain("\n");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void plainTextContentTypeWithAValidBodyIsAccepted() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "text/plain")
            .body("{\"status\":\"QUEUED\",\"message\":\"deployment is building\"}")
            .build());

    AutoscalingUpdate update = update();

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.QUEUED);
    assertThat(update.message()).isEqualTo("deployment is building");
  }

  @Test
  void byteOrderMarkBeforeAValidBodyIsAccepted() {
    Buffer body =
        new Buffer()
            .write(ByteString.decodeHex("efbbbf"))
            .writeUtf8("{\"status\":\"UNCHANGED\",\"message\":\"same values\"}");
    server.enqueue(new MockResponse.Builder().body(body).build());

    AutoscalingUpdate update = update();

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.UNCHANGED);
    assertThat(update.message()).isEqualTo("same values");
  }

  @Test
  void unknownFieldsAreIgnored() {
    server.enqueue(
        TestServers.json(
            200,
            "{\"region\":\"us-east\",\"status\":\"ACCEPTED\",\"extra\":{\"nested\":[1,2]},"
                + "\"message\":\"ok\",\"environment\":null}"));

    AutoscalingUpdate update = update();

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.ACCEPTED);
    assertThat(update.message()).isEqualTo("ok");
  }

  @Test
  void unknownStatusIsKeptRaw() {
    server.enqueue(TestServers.json(200, "{\"status\":\"DEFERRED\",\"message\":\"later\"}"));

    AutoscalingUpdate update = update();

    assertThat(update.status()).isEqualTo(AutoscalingUpdate.Status.UNKNOWN);
    assertThat(update.rawStatus()).isEqualTo("DEFERRED");
  }

  private AutoscalingUpdate update() {
    return client.deployments().development().updateAutoscaling("abc123", PATCH);
  }
}
