package com.baseten.sdk.internal;

import java.time.Duration;

/** Small text helpers for messages that must stay on one line. */
public final class Text {
  private Text() {}

  /**
   * Returns at most {@code max} characters of {@code text} on one line: runs of whitespace become
   * one space, other control characters are escaped as {@code \\u0001}, and a cut is marked with
   * "..." after the last whole piece that fits.
   */
  public static String excerpt(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      String piece;
      if (Character.isISOControl(c)) {
        piece = String.format("\\u%04x", (int) c);
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        piece = text.substring(i, i + 2); // never split a character outside the BMP
        i++;
      } else {
        piece = String.valueOf(c);
      }
      int needed = piece.length() + (pendingSpace ? 1 : 0);
      if (out.length() + needed > max) {
        return out.append("...").toString();
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(piece);
    }
    return out.toString();
  }

  /** Quotes a value for a message, escaping control characters: {@code "a\u0000b"}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Whether {@code value} is empty or only whitespace, Unicode spaces included. */
  public static boolean isBlank(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** Formats a duration for people: {@code 60s}, {@code 1.5s}, {@code 250ms}. */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis % 1000 == 0) {
      return (millis / 1000) + "s";
    }
    return String.format(java.util.Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("0+s$", "s");
  }
}
