package com.baseten.sdk.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Which failures are retried, and how long to wait before the next attempt. The autoscaling PATCH
 * is idempotent: the same body gives the same target state, so repeating it is safe.
 */
public final class RetryPolicy {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  private RetryPolicy() {}

  /** Statuses that say "try again": timeouts, rate limits and transient server failures. */
  static boolean isRetryableStatus(int code) {
    return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }

  /**
   * Whether a failed exchange may succeed if repeated: connection failures, resets, truncated
   * answers and timeouts may; an interrupt, a cancel or a certificate the client rejects may not.
   */
  static boolean isRetryable(IOException e) {
    if (Thread.currentThread().isInterrupted()) {
      return false;
    }
    if (e instanceof InterruptedIOException) {
      return Errors.isTimeout(e);
    }
    String message = e.getMessage();
    if (message != null && (message.equals("Canceled") || message.startsWith("canceled due to"))) {
      return false; // cancelled by the caller, or by OkHttp after an interceptor threw
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return false;
    }
    return !(e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException);
  }

  /**
   * The wait before retry number {@code attempt} (1 for the first retry): 0.5 s doubled each time,
   * capped at 8 s, then scaled to 75..100 % by {@code jitter} in [0, 1].
   */
  static Duration backoff(int attempt, double jitter) {
    long base = INITIAL_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis(Math.round(capped * (0.75 + 0.25 * jitter)));
  }

  /**
   * The wait the server asked for: {@code retry-after-ms} (milliseconds), else {@code Retry-After}
   * as delta-seconds or an HTTP-date. A date in the past means no wait. Unreadable values are
   * ignored.
   */
  public static Optional<Duration> retryAfter(Headers headers, long nowMillis) {
    Duration ms = parseMillis(headers.get("retry-after-ms"));
    if (ms != null) {
      return Optional.of(ms);
    }
    String value = headers.get("Retry-After");
    if (value == null) {
      return Optional.empty();
    }
    value = value.trim();
    if (value.matches("\\d+")) {
      // Anything past ~31 years is as good as forever, and keeps the arithmetic in range.
      long seconds =
          value.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(value), MAX_SECONDS);
      return Optional.of(Duration.ofSeconds(seconds));
    }
    String date = value.replaceAll("\\s+", " ");
    for (DateTimeFormatter format : HTTP_DATES) {
      try {
        long at = ZonedDateTime.parse(date, format).toInstant().toEpochMilli();
        return Optional.of(Duration.ofMillis(Math.max(0, at - nowMillis)));
      } catch (DateTimeParseException e) {
        // try the next of the three forms HTTP allows
      }
    }
    return Optional.empty();
  }

  private static final long MAX_SECONDS = 1_000_000_000_000L;

  /** The three HTTP-date forms recipients must accept (RFC 9110, section 5.6.7). */
  private static final List<DateTimeFormatter> HTTP_DATES =
      Arrays.asList(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
          new DateTimeFormatterBuilder()
              .appendPattern("EEEE, dd-MMM-")
              .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
              .appendPattern(" HH:mm:ss 'GMT'")
              .toFormatter(Locale.US)
              .withZone(ZoneOffset.UTC),
          // asctime: Sun Nov  6 08:49:37 1994 (runs of spaces are collapsed first)
          DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US)
              .withZone(ZoneOffset.UTC));

  private static @Nullable Duration parseMillis(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      double millis = Double.parseDouble(value.trim());
      if (Double.isNaN(millis) || millis < 0) {
        return null;
      }
      // Anything past ~31 years is as good as forever, and keeps the nanoseconds in range.
      return Duration.ofNanos((long) (Math.min(millis, 1e12) * 1_000_000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
