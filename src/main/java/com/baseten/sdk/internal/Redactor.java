package com.baseten.sdk.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Hides one API key in text the server sent, should it echo the key back: as it is, or with any of
 * its characters escaped as JSON ({@code \u002d}, {@code \/}) or URLs ({@code %2D}) escape them.
 * Every text an exception keeps (its message, {@code body()} and header values) passes through
 * here, so a decoded echo is caught as well as a raw one.
 */
final class Redactor {
  static final String REPLACEMENT = "[redacted]";

  /** Redacts nothing: for text that cannot hold a key. */
  static final Redactor NONE = new Redactor("");

  private final String key;
  private final Pattern escaped;

  Redactor(String key) {
    this.key = key;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      String hex4 = Integer.toHexString(0x10000 | c).substring(1);
      regex.append("(?:").append(Pattern.quote(String.valueOf(c)));
      regex.append("|\\\\u(?i:").append(hex4).append(')');
      if (c == '/') {
        regex.append("|\\\\/");
      }
      if (c < 0x80) {
        regex.append("|%(?i:").append(hex4.substring(2)).append(')');
      }
      regex.append(')');
    }
    this.escaped = Pattern.compile(regex.toString());
  }

  /** Returns {@code text} with every echo of the key, escaped or not, replaced. */
  String redact(String text) {
    if (key.isEmpty()) {
      return text;
    }
    boolean plain = text.contains(key);
    // The escaped forms need a backslash or a percent sign; most text has neither.
    if (!plain && text.indexOf('\\') < 0 && text.indexOf('%') < 0) {
      return text;
    }
    String out = plain ? text.replace(key, REPLACEMENT) : text;
    Matcher matcher = escaped.matcher(out);
    return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(REPLACEMENT)) : out;
  }

  /** Returns {@code headers} with every value that echoes the key redacted. */
  Headers redact(Headers headers) {
    boolean changed = false;
    String[] values = new String[headers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = redact(headers.value(i));
      changed |= !values[i].equals(headers.value(i));
    }
    if (!changed) {
      return headers;
    }
    Headers.Builder out = new Headers.Builder();
    for (int i = 0; i < values.length; i++) {
      // The server's values were accepted as sent, non-ASCII included; keep them so.
      out.addUnsafeNonAscii(headers.name(i), values[i]);
    }
    return out.build();
  }
}
