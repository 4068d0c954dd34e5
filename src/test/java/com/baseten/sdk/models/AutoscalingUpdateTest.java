package com.baseten.sdk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baseten.sdk.models.AutoscalingUpdate.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoscalingUpdateTest {
  @ParameterizedTest
  @CsvSource({
    "ACCEPTED, ACCEPTED",
    "QUEUED, QUEUED",
    "UNCHANGED, UNCHANGED",
    "PAUSED, UNKNOWN",
    "accepted, UNKNOWN",
    "Queued, UNKNOWN",
    "UNKNOWN, UNKNOWN",
    "'', UNKNOWN",
    "' ACCEPTED', UNKNOWN"
  })
  void fromWireMatchesExactNamesOnly(String raw, Status expected) {
    assertThat(Status.fromWire(raw)).isEqualTo(expected);
  }

  @Test
  void fromWireRejectsNull() {
    assertThatThrownBy(() -> Status.fromWire(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("raw == null");
  }

  @Test
  void knownStatusIsReportedWithItsRawValue() {
    AutoscalingUpdate update =
        AutoscalingUpdate.builder().rawStatus("QUEUED").message("will apply later").build();

    assertThat(update.status()).isEqualTo(Status.QUEUED);
    assertThat(update.rawStatus()).isEqualTo("QUEUED");
    assertThat(update.message()).isEqualTo("will apply later");
  }

  @Test
  void unknownStatusKeepsTheRawValue() {
    AutoscalingUpdate update =
        AutoscalingUpdate.builder().rawStatus("PAUSED").message("paused by support").build();

    assertThat(update.status()).isEqualTo(Status.UNKNOWN);
    assertThat(update.rawStatus()).isEqualTo("PAUSED");
  }

  @Test
  void statusSetterStoresTheStatusName() {
    AutoscalingUpdate update =
        AutoscalingUpdate.builder().status(Status.UNCHANGED).message("").build();

    assertThat(update.rawStatus()).isEqualTo("UNCHANGED");
    assertThat(update.status()).isEqualTo(Status.UNCHANGED);
    assertThat(update.message()).isEmpty();
  }

  @Test
  void statusSetterRejectsNull() {
    AutoscalingUpdate.Builder builder = AutoscalingUpdate.builder();

    assertThatThrownBy(() -> builder.status(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("status == null");
  }

  @Test
  void buildWithoutMessageNamesTheMissingField() {
    AutoscalingUpdate.Builder builder = AutoscalingUpdate.builder().status(Status.ACCEPTED);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot build AutoscalingUpdate, some of required attributes are not set [message]");
  }

  @Test
  void buildWithoutStatusNamesTheMissingField() {
    AutoscalingUpdate.Builder builder = AutoscalingUpdate.builder().message("ok");

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot build AutoscalingUpdate, some of required attributes are not set [rawStatus]");
  }

  @Test
  void updatesWithTheSameStatusAndMessageAreEqual() {
    AutoscalingUpdate a = AutoscalingUpdate.builder().status(Status.ACCEPTED).message("ok").build();
    AutoscalingUpdate b = AutoscalingUpdate.builder().rawStatus("ACCEPTED").message("ok").build();

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a)
        .isNotEqualTo(AutoscalingUpdate.builder().rawStatus("ACCEPTED").message("other").build());
  }

  @org.junit.jupiter.api.Test
  void toBuilderCopiesEveryFieldForAnEditedCopy() {
    AutoscalingUpdate original =
        AutoscalingUpdate.builder().rawStatus("QUEUED").message("busy").build();

    AutoscalingUpdate same = original.toBuilder().build();

    org.assertj.core.api.Assertions.assertThat(same).isEqualTo(original).isNotSameAs(original);
  }
}
