package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void excerptKeepsShortTextUnchanged() {
    assertThat(Text.excerpt("model not found", 100)).isEqualTo("model not found");
    assertThat(Text.excerpt("", 100)).isEmpty();
  }

  @Test
  void excerptCollapsesWhitespaceRunsToOneSpace() {
    assertThat(Text.excerpt("line one\r\n\tline  two", 100)).isEqualTo("line one line two");
  }

  @Test
  void excerptDropsLeadingAndTrailingWhitespace() {
    assertThat(Text.excerpt(" \n  a \n\t b  \n", 100)).isEqualTo("a b");
    assertThat(Text.excerpt(" \n\t ", 100)).isEmpty();
  }

  @Test
  void excerptEscapesControlCharacters() {
    assertThat(Text.excerpt("a\u0001b\u007fc", 100)).isEqualTo("a\\u0001b\\u007fc");
  }

  @Test
  void excerptCutsAtMaxAndMarksTheCut() {
    assertThat(Text.excerpt("abcdef", 3)).isEqualTo("abc...");
  }

  @Test
  void excerptOfExactlyMaxCharactersIsNotMarked() {
    assertThat(Text.excerpt("abc", 3)).isEqualTo("abc");
  }

  @Test
  void excerptIsNotMarkedWhenOnlyWhitespaceFollowsTheCut() {
    assertThat(Text.excerpt("abc \n\t ", 3)).isEqualTo("abc");
  }

  @Test
  void excerptCountsCollapsedWhitespaceTowardsMax() {
    assertThat(Text.excerpt("a   b   c", 3)).isEqualTo("a b...");
  }

  @Test
  void quoteWrapsInDoubleQuotes() {
    assertThat(Text.quote("abc")).isEqualTo("\"abc\"");
    assertThat(Text.quote("")).isEqualTo("\"\"");
  }

  @Test
  void quoteEscapesQuotesAndBackslashes() {
    assertThat(Text.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void quoteEscapesControlCharacters() {
    assertThat(Text.quote("a\u0000b\nc\td")).isEqualTo("\"a\\u0000b\\u000ac\\u0009d\"");
  }

  @Test
  void quoteKeepsSpacesAndNonAsciiText() {
    assertThat(Text.quote(" modèle ")).isEqualTo("\" modèle \"");
  }

  @Test
  void durationOfWholeSecondsIsShownInSeconds() {
    assertThat(Text.duration(Duration.ofSeconds(60))).isEqualTo("60s");
    assertThat(Text.duration(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(Text.duration(Duration.ofMinutes(10))).isEqualTo("600s");
  }

  @Test
  void durationUnderOneSecondIsShownInMilliseconds() {
    assertThat(Text.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Text.duration(Duration.ofMillis(999))).isEqualTo("999ms");
  }

  @Test
  void durationWithAFractionOfASecondDropsTrailingZeros() {
    assertThat(Text.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Text.duration(Duration.ofMillis(1250))).isEqualTo("1.25s");
    assertThat(Text.duration(Duration.ofMillis(1001))).isEqualTo("1.001s");
  }

  @Test
  void excerptNeverCutsAnEscapeInHalf() {
    assertThat(Text.excerpt("abc\u0001", 4)).isEqualTo("abc...");
    assertThat(Text.excerpt("ab\u0001cd", 4)).isEqualTo("ab...");
    assertThat(Text.excerpt("ab\u0001", 8)).isEqualTo("ab\\u0001");
  }

  @Test
  void excerptMarksACutBeforeTrailingControlCharacters() {
    assertThat(Text.excerpt("abcd\u0001", 4)).isEqualTo("abcd...");
  }

  @Test
  void excerptDoesNotLeaveASpaceBeforeTheMark() {
    assertThat(Text.excerpt("abc def", 4)).isEqualTo("abc...");
  }

  @Test
  void excerptNeverSplitsASurrogatePair() {
    assertThat(Text.excerpt("a\uD83D\uDE00b", 2)).isEqualTo("a...");
    assertThat(Text.excerpt("a\uD83D\uDE00b", 3)).isEqualTo("a\uD83D\uDE00...");
  }

  @Test
  void isBlankCountsUnicodeSpaces() {
    assertThat(Text.isBlank("")).isTrue();
    assertThat(Text.isBlank(" \t\u00a0\u2003")).isTrue();
    assertThat(Text.isBlank(" a ")).isFalse();
  }
}
