package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private final Redactor redactor = new Redactor("sk-a/B9");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-a/B9",
        "sk\\u002da/B9",
        "sk\\u002Da\\/B9",
        "\\u0073\\u006b\\u002d\\u0061\\u002f\\u0042\\u0039",
        "sk%2Da%2fB9",
        "s%6B-a/B9"
      })
  void everyEscapedFormOfTheKeyIsReplaced(String echo) {
    assertThat(redactor.redact("key " + echo + " revoked")).isEqualTo("key [redacted] revoked");
  }

  @Test
  void textThatDiffersFromTheKeyInCaseIsKept() {
    assertThat(redactor.redact("SK-A/b9 and sk-a/b9")).isEqualTo("SK-A/b9 and sk-a/b9");
  }

  @Test
  void everyEchoInOneTextIsReplaced() {
    assertThat(redactor.redact("sk-a/B9,sk\\u002da/B9,sk-a/B9"))
        .isEqualTo("[redacted],[redacted],[redacted]");
  }

  @Test
  void aKeyOfOneCharacterIsStillReplaced() {
    assertThat(new Redactor("x").redact("x marks the spot")).isEqualTo("[redacted] marks the spot");
  }

  @Test
  void noneChangesNothing() {
    assertThat(Redactor.NONE.redact("sk-a/B9 \\u0041 %41")).isEqualTo("sk-a/B9 \\u0041 %41");
  }

  @Test
  void headersKeepTheirOrderAndRepeatedNames() {
    Headers headers =
        Headers.of("X-Echo", "Api-Key sk-a/B9", "Date", "today", "X-Echo", "again sk-a/B9");

    Headers redacted = redactor.redact(headers);

    assertThat(redacted.names()).containsExactly("Date", "X-Echo");
    assertThat(redacted.values("X-Echo")).containsExactly("Api-Key [redacted]", "again [redacted]");
    assertThat(redacted.name(1)).isEqualTo("Date");
  }

  @Test
  void headersWithoutTheKeyAreReturnedAsTheyAre() {
    Headers headers = Headers.of("Date", "today");

    assertThat(redactor.redact(headers)).isSameAs(headers);
  }
}
