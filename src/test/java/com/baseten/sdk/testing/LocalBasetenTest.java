package com.baseten.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.baseten.sdk.BasetenClient;
import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingSettings;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.baseten.sdk.models.AutoscalingUpdate.Status;
import com.baseten.sdk.testing.LocalBaseten.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalBasetenTest {
  private static final String MODEL = "abc123";
  private static final String DEV_PATH =
      "/v1/models/abc123/deployments/development/autoscaling_settings";
  private static final MediaType JSON = MediaType.get("application/json");

  /** Sends what the SDK never would: other methods, paths, headers and bodies. */
  private static final OkHttpClient RAW = new OkHttpClient();

  private LocalBaseten local;
  private BasetenClient client;

  @BeforeEach
  void startFake() {
    local = LocalBaseten.start();
    local.addModel(MODEL);
    client = clientFor(local, local.apiKey());
  }

  @AfterEach
  void stopFake() {
    client.close();
    local.close();
  }

  @AfterAll
  static void releaseRawConnections() {
    RAW.connectionPool().evictAll();
  }

  // --- start, key, models ---------------------------------------------------------------------

  @Test
  void startBindsLoopbackOnAFreePort() {
    assertThat(local.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    int port = Integer.parseInt(local.baseUrl().substring("http://127.0.0.1:".length()));
    assertThat(port).isBetween(1, 65535);
    assertThat(local.toString()).isEqualTo("LocalBaseten{" + local.baseUrl() + "}");
  }

  @Test
  void twoFakesHaveDifferentRandomKeysAndPorts() {
    try (LocalBaseten other = LocalBaseten.start()) {
      assertThat(local.apiKey()).matches("local-[0-9a-f]{32}");
      assertThat(other.apiKey()).matches("local-[0-9a-f]{32}");
      assertThat(other.apiKey()).isNotEqualTo(local.apiKey());
      assertThat(other.baseUrl()).isNotEqualTo(local.baseUrl());
    }
  }

  @Test
  void oneFakesKeyIsRejectedByAnother() {
    try (LocalBaseten other = LocalBaseten.start();
        BasetenClient foreign = clientFor(other, local.apiKey())) {
      other.addModel(MODEL);
      assertThatThrownBy(() -> foreign.deployments().development().updateAutoscaling(MODEL, max(2)))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void addingTheSameModelTwiceThrows() {
    assertThatThrownBy(() -> local.addModel(MODEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model already added: abc123");
  }

  @Test
  void newDeploymentsHaveBasetensDefaultSettings() {
    AutoscalingSettings defaults =
        AutoscalingSettings.builder()
            .minReplica(0)
            .maxReplica(1)
            .autoscalingWindow(Duration.ofSeconds(60))
            .scaleDownDelay(Duration.ofSeconds(900))
            .concurrencyTarget(1)
            .targetUtilizationPercentage(70)
            .maxScaleDownRate(50)
            .build();

    AutoscalingSettings development = local.autoscalingSettings(MODEL, "development");
    assertThat(development).isEqualTo(defaults);
    assertThat(development.targetInFlightTokens()).isEqualTo(OptionalInt.empty());
    assertThat(local.autoscalingSettings(MODEL, "production")).isEqualTo(defaults);
  }

  @Test
  void settingsAndBusyOfAnUnknownModelOrDeploymentThrow() {
    assertThatThrownBy(() -> local.autoscalingSettings("nope", "development"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such model: nope; call addModel first");
    assertThatThrownBy(() -> local.autoscalingSettings(MODEL, "staging"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deployment must be \"development\" or \"production\": staging");
    assertThatThrownBy(() -> local.setBusy("nope", "development", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such model: nope; call addModel first");
    assertThatThrownBy(() -> local.setBusy(MODEL, "staging", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deployment must be \"development\" or \"production\": staging");
  }

  // --- statuses -------------------------------------------------------------------------------

  @Test
  void changedValuesAreAcceptedAndApplied() {
    AutoscalingPatch patch =
        AutoscalingPatch.builder()
            .minReplica(1)
            .maxReplica(4)
            .autoscalingWindow(Duration.ofSeconds(120))
            .scaleDownDelay(Duration.ofMinutes(5))
            .concurrencyTarget(3)
            .targetUtilizationPercentage(80)
            .targetInFlightTokens(4096)
            .maxScaleDownRate(25)
            .build();

    AutoscalingUpdate result = update(patch);

    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(result.message())
        .isEqualTo("Autoscaling settings of the development deployment updated.");
    assertThat(local.autoscalingSettings(MODEL, "development"))
        .isEqualTo(
            AutoscalingSettings.builder()
                .minReplica(1)
                .maxReplica(4)
                .autoscalingWindow(Duration.ofSeconds(120))
                .scaleDownDelay(Duration.ofSeconds(300))
                .concurrencyTarget(3)
                .targetUtilizationPercentage(80)
                .targetInFlightTokens(4096)
                .maxScaleDownRate(25)
                .build());
    assertThat(local.autoscalingSettings(MODEL, "production").maxReplica()).isEqualTo(1);
  }

  @Test
  void fieldsLeftOutOfAPatchKeepTheirValues() {
    update(AutoscalingPatch.builder().concurrencyTarget(5).build());

    AutoscalingSettings settings = local.autoscalingSettings(MODEL, "development");
    assertThat(settings.concurrencyTarget()).isEqualTo(5);
    assertThat(settings.maxReplica()).isEqualTo(1);
    assertThat(settings.scaleDownDelay()).contains(Duration.ofSeconds(900));
  }

  @Test
  void samePatchAgainIsUnchanged() {
    AutoscalingPatch patch = AutoscalingPatch.builder().maxReplica(3).build();
    assertThat(update(patch).status()).isEqualTo(Status.ACCEPTED);

    AutoscalingUpdate again = update(patch);

    assertThat(again.status()).isEqualTo(Status.UNCHANGED);
    assertThat(again.message()).isEqualTo("The development deployment already has these settings.");
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(3);
  }

  @Test
  void patchOfTheCurrentDefaultsIsUnchanged() {
    assertThat(update(AutoscalingPatch.builder().minReplica(0).maxReplica(1).build()).status())
        .isEqualTo(Status.UNCHANGED);
  }

  @Test
  void emptyPatchIsUnchanged() {
    AutoscalingUpdate result = update(AutoscalingPatch.builder().build());

    assertThat(result.status()).isEqualTo(Status.UNCHANGED);
    assertThat(local.requests()).singleElement().extracting(RecordedRequest::body).isEqualTo("{}");
  }

  @Test
  void busyDeploymentQueuesUpdatesUntilItIsReady() {
    AutoscalingSettings before = local.autoscalingSettings(MODEL, "development");
    local.setBusy(MODEL, "development", true);

    AutoscalingUpdate queued = update(AutoscalingPatch.builder().maxReplica(5).build());

    assertThat(queued.status()).isEqualTo(Status.QUEUED);
    assertThat(queued.message())
        .isEqualTo("The development deployment is busy; the update will apply when it is ready.");
    assertThat(local.autoscalingSettings(MODEL, "development")).isEqualTo(before);

    local.setBusy(MODEL, "development", false);

    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(5);
    assertThat(update(AutoscalingPatch.builder().maxReplica(6).build()).status())
        .isEqualTo(Status.ACCEPTED);
  }

  @Test
  void resendingAQueuedPatchIsUnchanged() {
    local.setBusy(MODEL, "development", true);
    AutoscalingPatch patch = AutoscalingPatch.builder().maxReplica(5).build();
    assertThat(update(patch).status()).isEqualTo(Status.QUEUED);

    assertThat(update(patch).status()).isEqualTo(Status.UNCHANGED);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @Test
  void productionDeploymentIsServedSeparately() throws IOException {
    String path = "/v1/models/abc123/deployments/production/autoscaling_settings";

    RawAnswer answer = raw("PATCH", path, "Api-Key " + local.apiKey(), "{\"max_replica\":7}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(
            "{\"status\":\"ACCEPTED\","
                + "\"message\":\"Autoscaling settings of the production deployment updated.\"}");
    assertThat(local.autoscalingSettings(MODEL, "production").maxReplica()).isEqualTo(7);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  // --- authentication -------------------------------------------------------------------------

  @Test
  void wrongKeyThrowsAuthenticationExceptionThatNamesTheProblemButNotTheKey() {
    String wrongKey = "wrong-key-0123456789";
    try (BasetenClient wrong = clientFor(local, wrongKey)) {
      assertThatThrownBy(() -> wrong.deployments().development().updateAutoscaling(MODEL, max(2)))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.getMessage())
                    .startsWith("PATCH " + DEV_PATH + " -> 401 Unauthorized")
                    .endsWith(": Invalid or missing API key")
                    .doesNotContain(wrongKey)
                    .doesNotContain(local.apiKey());
                assertThat(e.body()).isEqualTo("{\"message\":\"Invalid or missing API key\"}");
                assertThat(e.toString()).doesNotContain(wrongKey);
              });
    }
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @Test
  void bearerSchemeIsAccepted() throws IOException {
    RawAnswer answer = raw("PATCH", DEV_PATH, "Bearer " + local.apiKey(), "{\"max_replica\":2}");

    assertThat(answer.code()).isEqualTo(200);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(2);
  }

  @Test
  void missingAuthorizationIs401() throws IOException {
    RawAnswer answer = raw("PATCH", DEV_PATH, null, "{\"max_replica\":2}");

    assertThat(answer.code()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("{\"message\":\"Invalid or missing API key\"}");
    assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "%s", "Token %s", "Basic %s", "Api-Key", "Api-Key %sx", "Bearer x%s"})
  void otherAuthorizationFormsAre401(String form) throws IOException {
    String authorization = String.format(form, local.apiKey());

    RawAnswer answer = raw("PATCH", DEV_PATH, authorization, "{\"max_replica\":2}");

    assertThat(answer.code()).isEqualTo(401);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @Test
  void authenticationIsCheckedBeforeThePath() throws IOException {
    assertThat(raw("PATCH", "/nowhere", null, "{}").code()).isEqualTo(401);
  }

  // --- not found, methods, paths --------------------------------------------------------------

  @Test
  void unknownModelThrowsNotFoundException() {
    assertThatThrownBy(() -> client.deployments().development().updateAutoscaling("nope", max(2)))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage())
                  .startsWith(
                      "PATCH /v1/models/nope/deployments/development/autoscaling_settings"
                          + " -> 404 Not Found")
                  .endsWith(": Model nope not found");
            });
  }

  @Test
  void getOnTheSettingsPathIs405WithAllowHeader() throws IOException {
    RawAnswer answer = raw("GET", DEV_PATH, "Api-Key " + local.apiKey(), null);

    assertThat(answer.code()).isEqualTo(405);
    assertThat(answer.headers().get("Allow")).isEqualTo("PATCH");
    assertThat(answer.body()).isEqualTo("{\"message\":\"Method not allowed: GET\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/v1/models",
        "/v2/models/abc123/deployments/development/autoscaling_settings",
        "/v1/models/abc123/deployments/staging/autoscaling_settings",
        "/v1/models/abc123/deployments/development/autoscaling_settings/extra",
        "/v1/models/abc123/deployments/development/autoscaling_setting",
        "/v1/projects/abc123/deployments/development/autoscaling_settings",
        "/v1/models/abc123/environments/development/autoscaling_settings"
      })
  void unknownPathIs404(String path) throws IOException {
    RawAnswer answer = raw("PATCH", path, "Api-Key " + local.apiKey(), "{}");

    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.body()).isEqualTo("{\"message\":\"Not found: " + path + "\"}");
  }

  @Test
  void clientWithAPathPrefixGetsNotFoundNamingTheFullPath() {
    try (BasetenClient prefixed =
        BasetenClient.builder()
            .apiKey(local.apiKey())
            .baseUrl(local.baseUrl() + "/proxy")
            .build()) {
      assertThatThrownBy(
              () -> prefixed.deployments().development().updateAutoscaling(MODEL, max(2)))
          .isInstanceOf(NotFoundException.class)
          .hasMessageEndingWith(": Not found: /proxy" + DEV_PATH);
    }
  }

  // --- bodies ---------------------------------------------------------------------------------

  @Test
  void unknownFieldIs400() throws IOException {
    RawAnswer answer = raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), "{\"foo\":1}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"message\":\"Unknown field: foo\"}");
  }

  @Test
  void unknownFieldRejectsTheWholeBody() throws IOException {
    RawAnswer answer =
        raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), "{\"max_replica\":3,\"foo\":1}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "2.0", "\"2\"", "true", "[2]", "{}", "10000000000"})
  void nonIntegerValueIs400(String value) throws IOException {
    RawAnswer answer =
        raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), "{\"max_replica\":" + value + "}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body()).startsWith("{\"message\":\"max_replica must be an integer: ");
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "[]", "3", "\"x\"", "not json", "{} {}", "{\"a\":"})
  void bodyThatIsNotAJsonObjectIs400(String body) throws IOException {
    RawAnswer answer = raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), body);

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"message\":\"Request body must be a JSON object\"}");
  }

  @Test
  void nullValueCountsAsNotSent() throws IOException {
    String key = "Api-Key " + local.apiKey();

    RawAnswer onlyNull = raw("PATCH", DEV_PATH, key, "{\"scale_down_delay\":null}");
    RawAnswer withChange =
        raw("PATCH", DEV_PATH, key, "{\"scale_down_delay\":null,\"concurrency_target\":3}");

    assertThat(onlyNull.code()).isEqualTo(200);
    assertThat(onlyNull.body()).contains("\"status\":\"UNCHANGED\"");
    assertThat(withChange.code()).isEqualTo(200);
    assertThat(withChange.body()).contains("\"status\":\"ACCEPTED\"");
    AutoscalingSettings settings = local.autoscalingSettings(MODEL, "development");
    assertThat(settings.scaleDownDelay()).contains(Duration.ofSeconds(900));
    assertThat(settings.concurrencyTarget()).isEqualTo(3);
  }

  static Stream<Arguments> outOfRangePatches() {
    return Stream.of(
        Arguments.of(
            Named.of("max_replica 11", AutoscalingPatch.builder().maxReplica(11).build()),
            "max_replica must be within 1..10: 11"),
        Arguments.of(
            Named.of(
                "autoscaling_window 5",
                AutoscalingPatch.builder().autoscalingWindow(Duration.ofSeconds(5)).build()),
            "autoscaling_window must be within 10..3600: 5"),
        Arguments.of(
            Named.of(
                "autoscaling_window 3601",
                AutoscalingPatch.builder().autoscalingWindow(Duration.ofSeconds(3601)).build()),
            "autoscaling_window must be within 10..3600: 3601"),
        Arguments.of(
            Named.of(
                "scale_down_delay 3601",
                AutoscalingPatch.builder().scaleDownDelay(Duration.ofSeconds(3601)).build()),
            "scale_down_delay must be within 0..3600: 3601"),
        Arguments.of(
            Named.of(
                "target_utilization_percentage 101",
                AutoscalingPatch.builder().targetUtilizationPercentage(101).build()),
            "target_utilization_percentage must be within 1..100: 101"));
  }

  @ParameterizedTest
  @MethodSource("outOfRangePatches")
  void outOfRangeValueThrowsBadRequestWithTheFakesMessage(AutoscalingPatch patch, String message) {
    AutoscalingSettings before = local.autoscalingSettings(MODEL, "development");

    assertThatThrownBy(() -> update(patch))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).endsWith(": " + message);
              assertThat(e.body()).isEqualTo("{\"message\":\"" + message + "\"}");
            });
    assertThat(local.autoscalingSettings(MODEL, "development")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "min_replica:-1",
        "max_replica:0",
        "autoscaling_window:9",
        "scale_down_delay:-1",
        "concurrency_target:0",
        "target_utilization_percentage:0",
        "target_in_flight_tokens:0",
        "max_scale_down_rate:0"
      })
  void valueBelowItsMinimumSentRawIs400(String fieldAndValue) throws IOException {
    String field = fieldAndValue.substring(0, fieldAndValue.indexOf(':'));
    String value = fieldAndValue.substring(fieldAndValue.indexOf(':') + 1);
    AutoscalingSettings before = local.autoscalingSettings(MODEL, "development");

    RawAnswer answer =
        raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), "{\"" + field + "\":" + value + "}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body())
        .startsWith("{\"message\":\"" + field + " must be ")
        .endsWith(": " + value + "\"}");
    assertThat(local.autoscalingSettings(MODEL, "development")).isEqualTo(before);
  }

  @Test
  void scaleDownRateAbove50SentRawIs400() throws IOException {
    RawAnswer answer =
        raw("PATCH", DEV_PATH, "Api-Key " + local.apiKey(), "{\"max_scale_down_rate\":51}");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body())
        .isEqualTo("{\"message\":\"max_scale_down_rate must be within 1..50: 51\"}");
  }

  @Test
  void boundaryValuesAreAccepted() {
    AutoscalingPatch patch =
        AutoscalingPatch.builder()
            .maxReplica(10)
            .autoscalingWindow(Duration.ofSeconds(3600))
            .scaleDownDelay(Duration.ZERO)
            .targetUtilizationPercentage(100)
            .maxScaleDownRate(1)
            .build();

    assertThat(update(patch).status()).isEqualTo(Status.ACCEPTED);
    AutoscalingSettings settings = local.autoscalingSettings(MODEL, "development");
    assertThat(settings.maxReplica()).isEqualTo(10);
    assertThat(settings.autoscalingWindow()).contains(Duration.ofHours(1));
    assertThat(settings.scaleDownDelay()).contains(Duration.ZERO);
  }

  @Test
  void minReplicaAboveTheStoredMaxReplicaIs400() {
    assertThatThrownBy(() -> update(AutoscalingPatch.builder().minReplica(2).build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageEndingWith(": min_replica must be <= max_replica: 2 > 1");
    assertThat(local.autoscalingSettings(MODEL, "development").minReplica()).isEqualTo(0);

    assertThat(update(AutoscalingPatch.builder().minReplica(2).maxReplica(3).build()).status())
        .isEqualTo(Status.ACCEPTED);
    assertThatThrownBy(() -> update(AutoscalingPatch.builder().maxReplica(1).build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageEndingWith(": min_replica must be <= max_replica: 2 > 1");
  }

  // --- request ids and recorded requests ------------------------------------------------------

  @Test
  void everyAnswerCarriesADistinctRequestId() throws IOException {
    String key = "Api-Key " + local.apiKey();
    List<RawAnswer> answers =
        List.of(
            raw("PATCH", DEV_PATH, key, "{\"max_replica\":2}"),
            raw("PATCH", DEV_PATH, null, "{}"),
            raw("PATCH", "/v1/nowhere", key, "{}"),
            raw("GET", DEV_PATH, key, null),
            raw("PATCH", DEV_PATH, key, "{\"foo\":1}"));

    assertThat(answers).extracting(RawAnswer::code).containsExactly(200, 401, 404, 405, 400);
    Set<String> ids = new HashSet<>();
    for (RawAnswer answer : answers) {
      String id = answer.headers().get("x-request-id");
      assertThat(id).matches("local-\\d+");
      ids.add(id);
    }
    assertThat(ids).hasSize(answers.size());
  }

  @Test
  void sdkExceptionsExposeTheRequestId() {
    BasetenServiceException e =
        catchThrowableOfType(
            BasetenServiceException.class,
            () -> client.deployments().development().updateAutoscaling("x", max(2)));

    Optional<String> id = e.requestId();
    assertThat(id).hasValueSatisfying(value -> assertThat(value).matches("local-\\d+"));
    assertThat(e.getMessage()).contains("(request id " + id.orElseThrow() + ")");
    assertThat(e.headers().get("x-request-id")).isEqualTo(id.orElseThrow());
  }

  @Test
  void requestsRecordMethodRawPathLowerCasedHeadersAndBody() {
    update(AutoscalingPatch.builder().minReplica(0).maxReplica(1).build());

    List<RecordedRequest> requests = local.requests();
    assertThat(requests).hasSize(1);
    RecordedRequest request = requests.get(0);
    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.path()).isEqualTo(DEV_PATH);
    assertThat(request.body()).isEqualTo("{\"min_replica\":0,\"max_replica\":1}");
    assertThat(request.header("authorization")).isEqualTo("Api-Key " + local.apiKey());
    assertThat(request.header("AUTHORIZATION")).isEqualTo("Api-Key " + local.apiKey());
    assertThat(request.header("content-type")).startsWith("application/json");
    assertThat(request.header("user-agent")).startsWith("baseten-java/");
    assertThat(request.header("x-not-sent")).isNull();
    assertThat(request.headers().keySet())
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase(java.util.Locale.ROOT)));
    assertThat(request.toString())
        .isEqualTo("PATCH " + DEV_PATH + " {\"min_replica\":0,\"max_replica\":1}")
        .doesNotContain(local.apiKey());
  }

  @Test
  void requestsRecordRejectedRequestsToo() throws IOException {
    raw("GET", "/elsewhere", null, null);

    assertThat(local.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.path()).isEqualTo("/elsewhere");
              assertThat(r.body()).isEmpty();
              assertThat(r.header("authorization")).isNull();
            });
  }

  @Test
  void requestsIsASnapshot() {
    List<RecordedRequest> before = local.requests();
    update(max(2));

    assertThat(before).isEmpty();
    assertThat(local.requests()).hasSize(1);
    assertThatThrownBy(() -> local.requests().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // --- path encoding --------------------------------------------------------------------------

  @Test
  void modelIdWithSlashAndSpaceIsOneEncodedSegment() {
    local.addModel("a/b c");

    AutoscalingUpdate result =
        client.deployments().development().updateAutoscaling("a/b c", max(2));

    assertThat(result.status()).isEqualTo(Status.ACCEPTED);
    assertThat(local.requests())
        .singleElement()
        .extracting(RecordedRequest::path)
        .isEqualTo("/v1/models/a%2Fb%20c/deployments/development/autoscaling_settings");
    assertThat(local.autoscalingSettings("a/b c", "development").maxReplica()).isEqualTo(2);
    assertThat(local.autoscalingSettings(MODEL, "development").maxReplica()).isEqualTo(1);
  }

  @Test
  void modelIdWithSlashIsNotFoundUnlessAddedUnderThatId() {
    local.addModel("a");

    assertThatThrownBy(() -> client.deployments().development().updateAutoscaling("a/b", max(2)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageEndingWith(": Model a/b not found");
  }

  // --- lifecycle and concurrency --------------------------------------------------------------

  @Test
  void callAfterCloseFailsWithBasetenIoException() {
    assertThat(update(max(2)).status()).isEqualTo(Status.ACCEPTED);

    local.close();

    assertThatThrownBy(() -> update(max(3)))
        .isInstanceOf(BasetenIoException.class)
        .hasMessageStartingWith("PATCH " + DEV_PATH + " failed (attempt 3 of 3): ");
  }

  @Test
  void eightThreadsShareOneClientAndEveryUpdateSucceeds() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Status>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  List<Status> statuses = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    // Every value is distinct and differs from the default of 1, so every
                    // update changes the setting.
                    int target = 2 + thread * perThread + i;
                    statuses.add(
                        update(AutoscalingPatch.builder().concurrencyTarget(target).build())
                            .status());
                  }
                  return statuses;
                }));
      }
      go.countDown();

      List<Status> all = new ArrayList<>();
      for (Future<List<Status>> future : futures) {
        all.addAll(future.get(2, TimeUnit.MINUTES));
      }

      assertThat(all).hasSize(threads * perThread).containsOnly(Status.ACCEPTED);
      List<RecordedRequest> requests = local.requests();
      assertThat(requests).hasSize(threads * perThread);
      assertThat(requests).extracting(RecordedRequest::body).doesNotHaveDuplicates();
      assertThat(local.autoscalingSettings(MODEL, "development").concurrencyTarget())
          .isBetween(2, threads * perThread + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static BasetenClient clientFor(LocalBaseten fake, String apiKey) {
    return BasetenClient.builder().apiKey(apiKey).baseUrl(fake.baseUrl()).build();
  }

  private static AutoscalingPatch max(int maxReplica) {
    return AutoscalingPatch.builder().maxReplica(maxReplica).build();
  }

  private AutoscalingUpdate update(AutoscalingPatch patch) {
    return client.deployments().development().updateAutoscaling(MODEL, patch);
  }

  private record RawAnswer(int code, Headers headers, String body) {}

  /** Sends one request as given; a null authorization or body is left out. */
  private RawAnswer raw(String method, String path, String authorization, String body)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(local.baseUrl() + path)
            .method(method, body == null ? null : RequestBody.create(body, JSON));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = RAW.newCall(request.build()).execute()) {
      return new RawAnswer(response.code(), response.headers(), response.body().string());
    }
  }

  @Test
  void addModelRefusesABlankId() {
    assertThatThrownBy(() -> local.addModel(" "))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be blank");
  }
}
