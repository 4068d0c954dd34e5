package com.baseten.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} this SDK sends: {@code baseten-java/0.1.0 (Java 17.0.15; Linux amd64)}.
 */
public final class UserAgent {
  /** This SDK's version, from the build. */
  public static final String VERSION = readVersion();

  /** The header value, computed once. */
  public static final String VALUE =
      ascii(
          "baseten-java/"
              + VERSION
              + " (Java "
              + System.getProperty("java.version", "unknown")
              + "; "
              + System.getProperty("os.name", "unknown")
              + " "
              + System.getProperty("os.arch", "unknown")
              + ")");

  private UserAgent() {}

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** Header values must be printable ASCII; anything else becomes '?'. */
  static String ascii(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
