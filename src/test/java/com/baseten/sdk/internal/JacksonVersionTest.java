package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

class JacksonVersionTest {
  @Test
  void jacksonOlderThanTheFloorFailsWithAMessageThatSaysWhatToDo() {
    assertThatThrownBy(
            () ->
                JacksonVersion.check(
                    "jackson-databind",
                    new Version(2, 9, 10, null, "com.fasterxml.jackson.core", "jackson-databind")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "baseten-java needs Jackson 2.10 or newer (2.x), but jackson-databind 2.9.10 is on the"
                + " class path: align every com.fasterxml.jackson artifact to one 2.x version, for"
                + " example with the jackson-bom (see the README's Dependencies section)");
  }

  @Test
  void theFloorAndNewerMinorsPass() {
    assertThatCode(
            () -> JacksonVersion.check("jackson-databind", new Version(2, 10, 0, null, null, null)))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> JacksonVersion.check("jackson-databind", new Version(2, 21, 8, null, null, null)))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherMajorVersionFails() {
    assertThatThrownBy(
            () -> JacksonVersion.check("jackson-databind", new Version(3, 0, 0, null, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jackson-databind 3.0.0 is on the class path");
  }

  @Test
  void theJacksonOnThisClassPathPasses() {
    assertThatCode(JacksonVersion::checkClassPath).doesNotThrowAnyException();
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion())
        .isGreaterThanOrEqualTo(JacksonVersion.MIN_MINOR);
  }
}
