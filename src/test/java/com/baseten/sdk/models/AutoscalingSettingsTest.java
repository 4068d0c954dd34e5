package com.baseten.sdk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutoscalingSettingsTest {
  @Test
  void builderKeepsRequiredFieldsAndLeavesOptionalsEmpty() {
    AutoscalingSettings settings =
        AutoscalingSettings.builder().minReplica(0).maxReplica(1).concurrencyTarget(1).build();

    assertThat(settings.minReplica()).isZero();
    assertThat(settings.maxReplica()).isEqualTo(1);
    assertThat(settings.concurrencyTarget()).isEqualTo(1);
    assertThat(settings.autoscalingWindow()).isEmpty();
    assertThat(settings.scaleDownDelay()).isEmpty();
    assertThat(settings.targetUtilizationPercentage()).isEmpty();
    assertThat(settings.targetInFlightTokens()).isEmpty();
    assertThat(settings.maxScaleDownRate()).isEmpty();
  }

  @Test
  void builderKeepsOptionalFields() {
    AutoscalingSettings settings =
        AutoscalingSettings.builder()
            .minReplica(1)
            .maxReplica(4)
            .concurrencyTarget(2)
            .autoscalingWindow(Duration.ofSeconds(60))
            .scaleDownDelay(Duration.ofSeconds(900))
            .targetUtilizationPercentage(70)
            .targetInFlightTokens(2048)
            .maxScaleDownRate(50)
            .build();

    assertThat(settings.autoscalingWindow()).contains(Duration.ofMinutes(1));
    assertThat(settings.scaleDownDelay()).contains(Duration.ofMinutes(15));
    assertThat(settings.targetUtilizationPercentage()).hasValue(70);
    assertThat(settings.targetInFlightTokens()).hasValue(2048);
    assertThat(settings.maxScaleDownRate()).hasValue(50);
  }

  @Test
  void buildWithoutRequiredFieldsNamesThemAll() {
    AutoscalingSettings.Builder builder = AutoscalingSettings.builder();

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot build AutoscalingSettings, some of required attributes are not set"
                + " [minReplica, maxReplica, concurrencyTarget]");
  }

  @Test
  void buildWithoutOneRequiredFieldNamesOnlyThatOne() {
    AutoscalingSettings.Builder builder =
        AutoscalingSettings.builder().minReplica(0).concurrencyTarget(1);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot build AutoscalingSettings, some of required attributes are not set"
                + " [maxReplica]");
  }

  @Test
  void settingsWithTheSameValuesAreEqual() {
    AutoscalingSettings a =
        AutoscalingSettings.builder().minReplica(0).maxReplica(1).concurrencyTarget(1).build();
    AutoscalingSettings b =
        AutoscalingSettings.builder().concurrencyTarget(1).maxReplica(1).minReplica(0).build();

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a)
        .isNotEqualTo(
            AutoscalingSettings.builder()
                .minReplica(0)
                .maxReplica(1)
                .concurrencyTarget(1)
                .maxScaleDownRate(50)
                .build());
  }

  @org.junit.jupiter.api.Test
  void toBuilderCopiesEveryFieldForAnEditedCopy() {
    AutoscalingSettings original =
        AutoscalingSettings.builder()
            .minReplica(0)
            .maxReplica(3)
            .concurrencyTarget(2)
            .maxScaleDownRate(20)
            .build();

    AutoscalingSettings same = original.toBuilder().build();

    org.assertj.core.api.Assertions.assertThat(same).isEqualTo(original).isNotSameAs(original);
  }
}
