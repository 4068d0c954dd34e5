package com.baseten.sdk.models;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.baseten.sdk.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoscalingPatchTest {
  private static final AutoscalingPatch ALL_FIELDS =
      AutoscalingPatch.builder()
          .minReplica(1)
          .maxReplica(5)
          .autoscalingWindow(Duration.ofMinutes(10))
          .scaleDownDelay(Duration.ofMinutes(15))
          .concurrencyTarget(3)
          .targetUtilizationPercentage(70)
          .targetInFlightTokens(4096)
          .maxScaleDownRate(50)
          .build();

  private static String json(AutoscalingPatch patch) {
    return new String(Json.write(patch), UTF_8);
  }

  private static String json(UnaryOperator<AutoscalingPatch.Builder> edit) {
    return json(edit.apply(AutoscalingPatch.builder()).build());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = AutoscalingPatchTest.class.getResourceAsStream(name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), UTF_8).stripTrailing();
    }
  }

  @Test
  void emptyPatchSerializesToEmptyObject() {
    AutoscalingPatch patch = AutoscalingPatch.builder().build();

    assertThat(json(patch)).isEqualTo("{}");
    assertThat(patch.isEmpty()).isTrue();
  }

  @Test
  void zeroMinReplicaIsSent() {
    AutoscalingPatch patch = AutoscalingPatch.builder().minReplica(0).build();

    assertThat(json(patch)).isEqualTo("{\"min_replica\":0}");
    assertThat(patch.isEmpty()).isFalse();
  }

  @Test
  void allFieldsSerializeInWireOrderWithDurationsAsWholeSeconds() throws IOException {
    assertThat(json(ALL_FIELDS)).isEqualTo(fixture("all-fields-patch.json"));
  }

  @Test
  void zeroScaleDownDelayIsSentAsZero() {
    assertThat(json(b -> b.scaleDownDelay(Duration.ZERO))).isEqualTo("{\"scale_down_delay\":0}");
  }

  @Test
  void partialPatchSendsOnlyItsFieldsAndNeverNull() {
    String body = json(b -> b.maxReplica(7).scaleDownDelay(Duration.ofMinutes(2)));

    assertThat(body).isEqualTo("{\"max_replica\":7,\"scale_down_delay\":120}");
    assertThat(body).doesNotContain("null");
  }

  @Test
  void fieldsClearedWithEmptyOptionalsAreNotSent() {
    AutoscalingPatch patch =
        ALL_FIELDS.toBuilder()
            .minReplica(OptionalInt.empty())
            .maxReplica(OptionalInt.empty())
            .autoscalingWindow(Optional.empty())
            .scaleDownDelay(Optional.empty())
            .concurrencyTarget(OptionalInt.empty())
            .targetUtilizationPercentage(OptionalInt.empty())
            .targetInFlightTokens(OptionalInt.empty())
            .maxScaleDownRate(OptionalInt.empty())
            .build();

    assertThat(json(patch)).isEqualTo("{}");
    assertThat(patch.isEmpty()).isTrue();
  }

  @Test
  void patchWithAnyFieldSetIsNotEmpty() {
    assertThat(ALL_FIELDS.isEmpty()).isFalse();
    assertThat(AutoscalingPatch.builder().maxScaleDownRate(10).build().isEmpty()).isFalse();
    assertThat(AutoscalingPatch.builder().autoscalingWindow(Duration.ZERO).build().isEmpty())
        .isFalse();
  }

  static Stream<Arguments> invalidPatches() {
    Duration tooLong = Duration.ofSeconds(Integer.MAX_VALUE + 1L);
    return Stream.of(
        invalid("minReplica -1", b -> b.minReplica(-1), "minReplica must be >= 0: -1"),
        invalid("maxReplica 0", b -> b.maxReplica(0), "maxReplica must be >= 1: 0"),
        invalid(
            "minReplica above maxReplica",
            b -> b.minReplica(3).maxReplica(2),
            "minReplica > maxReplica: 3 > 2"),
        invalid(
            "concurrencyTarget 0",
            b -> b.concurrencyTarget(0),
            "concurrencyTarget must be >= 1: 0"),
        invalid(
            "targetUtilizationPercentage 0",
            b -> b.targetUtilizationPercentage(0),
            "targetUtilizationPercentage must be >= 1: 0"),
        invalid(
            "targetInFlightTokens 0",
            b -> b.targetInFlightTokens(0),
            "targetInFlightTokens must be >= 1: 0"),
        invalid(
            "maxScaleDownRate 0",
            b -> b.maxScaleDownRate(0),
            "maxScaleDownRate must be within 1..50: 0"),
        invalid(
            "maxScaleDownRate 51",
            b -> b.maxScaleDownRate(51),
            "maxScaleDownRate must be within 1..50: 51"),
        invalid(
            "negative autoscalingWindow",
            b -> b.autoscalingWindow(Duration.ofSeconds(-1)),
            "autoscalingWindow must not be negative: PT-1S"),
        invalid(
            "fractional autoscalingWindow",
            b -> b.autoscalingWindow(Duration.ofMillis(1500)),
            "autoscalingWindow must be whole seconds: PT1.5S"),
        invalid(
            "autoscalingWindow above Integer.MAX_VALUE seconds",
            b -> b.autoscalingWindow(tooLong),
            "autoscalingWindow must be at most 2147483647 seconds: PT596523H14M8S"),
        invalid(
            "negative scaleDownDelay",
            b -> b.scaleDownDelay(Duration.ofMillis(-500)),
            "scaleDownDelay must not be negative: PT-0.5S"),
        invalid(
            "fractional scaleDownDelay",
            b -> b.scaleDownDelay(Duration.ofMillis(1500)),
            "scaleDownDelay must be whole seconds: PT1.5S"),
        invalid(
            "scaleDownDelay above Integer.MAX_VALUE seconds",
            b -> b.scaleDownDelay(tooLong),
            "scaleDownDelay must be at most 2147483647 seconds: PT596523H14M8S"));
  }

  private static Arguments invalid(
      String name, UnaryOperator<AutoscalingPatch.Builder> edit, String message) {
    return arguments(named(name, edit), message);
  }

  @ParameterizedTest
  @MethodSource("invalidPatches")
  void buildRejectsValuesNoServerCouldAccept(
      UnaryOperator<AutoscalingPatch.Builder> edit, String message) {
    AutoscalingPatch.Builder builder = edit.apply(AutoscalingPatch.builder());

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> boundaryPatches() {
    return Stream.of(
        accepted("minReplica 0", b -> b.minReplica(0), "{\"min_replica\":0}"),
        accepted("maxReplica 1", b -> b.maxReplica(1), "{\"max_replica\":1}"),
        accepted(
            "minReplica equal to maxReplica",
            b -> b.minReplica(2).maxReplica(2),
            "{\"min_replica\":2,\"max_replica\":2}"),
        accepted("concurrencyTarget 1", b -> b.concurrencyTarget(1), "{\"concurrency_target\":1}"),
        accepted(
            "targetUtilizationPercentage 1",
            b -> b.targetUtilizationPercentage(1),
            "{\"target_utilization_percentage\":1}"),
        accepted(
            "targetInFlightTokens 1",
            b -> b.targetInFlightTokens(1),
            "{\"target_in_flight_tokens\":1}"),
        accepted("maxScaleDownRate 1", b -> b.maxScaleDownRate(1), "{\"max_scale_down_rate\":1}"),
        accepted(
            "maxScaleDownRate 50", b -> b.maxScaleDownRate(50), "{\"max_scale_down_rate\":50}"),
        accepted(
            "autoscalingWindow 0 s",
            b -> b.autoscalingWindow(Duration.ZERO),
            "{\"autoscaling_window\":0}"),
        accepted(
            "autoscalingWindow Integer.MAX_VALUE s",
            b -> b.autoscalingWindow(Duration.ofSeconds(Integer.MAX_VALUE)),
            "{\"autoscaling_window\":2147483647}"),
        accepted(
            "scaleDownDelay Integer.MAX_VALUE s",
            b -> b.scaleDownDelay(Duration.ofSeconds(Integer.MAX_VALUE)),
            "{\"scale_down_delay\":2147483647}"));
  }

  static Stream<Arguments> serverOwnedValues() {
    return Stream.of(
        accepted("maxReplica 1000", b -> b.maxReplica(1000), "{\"max_replica\":1000}"),
        accepted(
            "autoscalingWindow 5 s",
            b -> b.autoscalingWindow(Duration.ofSeconds(5)),
            "{\"autoscaling_window\":5}"),
        accepted(
            "scaleDownDelay 2 h",
            b -> b.scaleDownDelay(Duration.ofHours(2)),
            "{\"scale_down_delay\":7200}"),
        accepted(
            "targetUtilizationPercentage 150",
            b -> b.targetUtilizationPercentage(150),
            "{\"target_utilization_percentage\":150}"),
        accepted("minReplica 5 on its own", b -> b.minReplica(5), "{\"min_replica\":5}"));
  }

  private static Arguments accepted(
      String name, UnaryOperator<AutoscalingPatch.Builder> edit, String body) {
    return arguments(named(name, edit), body);
  }

  @ParameterizedTest
  @MethodSource("boundaryPatches")
  void buildAcceptsBoundaryValues(UnaryOperator<AutoscalingPatch.Builder> edit, String body) {
    assertThat(json(edit)).isEqualTo(body);
  }

  @ParameterizedTest
  @MethodSource("serverOwnedValues")
  void valuesTheServerOwnsAreSentUnchecked(
      UnaryOperator<AutoscalingPatch.Builder> edit, String body) {
    assertThat(json(edit)).isEqualTo(body);
  }

  @Test
  void nullDurationsAreRejectedNamingTheField() {
    AutoscalingPatch.Builder builder = AutoscalingPatch.builder();

    assertThatThrownBy(() -> builder.autoscalingWindow((Duration) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("autoscalingWindow");
    assertThatThrownBy(() -> builder.scaleDownDelay((Duration) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("scaleDownDelay");
  }

  @Test
  void nullOptionalsAreRejected() {
    AutoscalingPatch.Builder builder = AutoscalingPatch.builder();

    assertThatThrownBy(() -> builder.minReplica((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.maxReplica((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.autoscalingWindow((Optional<Duration>) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.scaleDownDelay((Optional<Duration>) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.concurrencyTarget((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.targetUtilizationPercentage((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.targetInFlightTokens((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.maxScaleDownRate((OptionalInt) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void accessorsReturnTheValuesSet() {
    assertThat(ALL_FIELDS.minReplica()).isEqualTo(OptionalInt.of(1));
    assertThat(ALL_FIELDS.maxReplica()).isEqualTo(OptionalInt.of(5));
    assertThat(ALL_FIELDS.autoscalingWindow()).contains(Duration.ofMinutes(10));
    assertThat(ALL_FIELDS.scaleDownDelay()).contains(Duration.ofMinutes(15));
    assertThat(ALL_FIELDS.concurrencyTarget()).isEqualTo(OptionalInt.of(3));
    assertThat(ALL_FIELDS.targetUtilizationPercentage()).isEqualTo(OptionalInt.of(70));
    assertThat(ALL_FIELDS.targetInFlightTokens()).isEqualTo(OptionalInt.of(4096));
    assertThat(ALL_FIELDS.maxScaleDownRate()).isEqualTo(OptionalInt.of(50));
  }

  @Test
  void accessorsOfUnsetFieldsAreEmpty() {
    AutoscalingPatch patch = AutoscalingPatch.builder().build();

    assertThat(patch.minReplica()).isEmpty();
    assertThat(patch.maxReplica()).isEmpty();
    assertThat(patch.autoscalingWindow()).isEmpty();
    assertThat(patch.scaleDownDelay()).isEmpty();
    assertThat(patch.concurrencyTarget()).isEmpty();
    assertThat(patch.targetUtilizationPercentage()).isEmpty();
    assertThat(patch.targetInFlightTokens()).isEmpty();
    assertThat(patch.maxScaleDownRate()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryField() {
    AutoscalingPatch copy = ALL_FIELDS.toBuilder().build();

    assertThat(copy).isEqualTo(ALL_FIELDS);
    assertThat(json(copy)).isEqualTo(json(ALL_FIELDS));
  }

  @Test
  void editsThroughToBuilderLeaveTheOriginalUnchanged() {
    AutoscalingPatch edited =
        ALL_FIELDS.toBuilder().maxReplica(9).scaleDownDelay(Duration.ofSeconds(30)).build();

    assertThat(edited.maxReplica()).isEqualTo(OptionalInt.of(9));
    assertThat(edited.scaleDownDelay()).contains(Duration.ofSeconds(30));
    assertThat(edited.minReplica()).isEqualTo(OptionalInt.of(1));
    assertThat(ALL_FIELDS.maxReplica()).isEqualTo(OptionalInt.of(5));
    assertThat(ALL_FIELDS.scaleDownDelay()).contains(Duration.ofMinutes(15));
  }

  @Test
  void toBuilderValidatesTheEditedPatch() {
    AutoscalingPatch.Builder builder = ALL_FIELDS.toBuilder().minReplica(6);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("minReplica > maxReplica: 6 > 5");
  }

  @Test
  void patchesWithTheSameFieldsAreEqual() {
    AutoscalingPatch a =
        AutoscalingPatch.builder().minReplica(0).scaleDownDelay(Duration.ofSeconds(60)).build();
    AutoscalingPatch b =
        AutoscalingPatch.builder().scaleDownDelay(Duration.ofMinutes(1)).minReplica(0).build();

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(AutoscalingPatch.builder().build()).isEqualTo(AutoscalingPatch.builder().build());
  }

  @Test
  void patchesWithDifferentFieldsAreNotEqual() {
    AutoscalingPatch zero = AutoscalingPatch.builder().minReplica(0).build();

    assertThat(zero).isNotEqualTo(AutoscalingPatch.builder().minReplica(1).build());
    assertThat(zero).isNotEqualTo(AutoscalingPatch.builder().build());
    assertThat(zero).isNotEqualTo(AutoscalingPatch.builder().minReplica(0).maxReplica(1).build());
  }

  @Test
  void toStringListsOnlyTheSetFields() {
    AutoscalingPatch patch =
        AutoscalingPatch.builder().minReplica(0).scaleDownDelay(Duration.ofMinutes(2)).build();

    assertThat(patch).hasToString("AutoscalingPatch{minReplica=0, scaleDownDelay=PT2M}");
    assertThat(AutoscalingPatch.builder().build()).hasToString("AutoscalingPatch{}");
  }

  @Test
  void toStringOfAFullPatchListsEveryField() {
    assertThat(ALL_FIELDS)
        .hasToString(
            "AutoscalingPatch{minReplica=1, maxReplica=5, autoscalingWindow=PT10M,"
                + " scaleDownDelay=PT15M, concurrencyTarget=3, targetUtilizationPercentage=70,"
                + " targetInFlightTokens=4096, maxScaleDownRate=50}");
  }
}
