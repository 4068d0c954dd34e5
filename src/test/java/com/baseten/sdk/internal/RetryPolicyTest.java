package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  private static final long NOW = FakeTime.START.toEpochMilli();

  @ParameterizedTest(name = "attempt {0}: {1} ms with jitter 0, {2} ms with jitter 1")
  @CsvSource({
    "1, 375, 500",
    "2, 750, 1000",
    "3, 1500, 2000",
    "4, 3000, 4000",
    "5, 6000, 8000",
    "6, 6000, 8000",
    "7, 6000, 8000",
    "30, 6000, 8000",
    "2147483647, 6000, 8000"
  })
  void backoffDoublesFromHalfASecondUpToEightSecondsScaledByJitter(
      int attempt, long minMillis, long maxMillis) {
    assertThat(RetryPolicy.backoff(attempt, 0.0)).isEqualTo(Duration.ofMillis(minMillis));
    assertThat(RetryPolicy.backoff(attempt, 1.0)).isEqualTo(Duration.ofMillis(maxMillis));
  }

  @Test
  void backoffWithHalfJitterIsSevenEighthsOfTheBase() {
    assertThat(RetryPolicy.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(438));
    assertThat(RetryPolicy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(1750));
  }

  @ParameterizedTest(name = "{0} is retried")
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void transientStatusesAreRetried(int code) {
    assertThat(RetryPolicy.isRetryableStatus(code)).isTrue();
  }

  @ParameterizedTest(name = "{0} is not retried")
  @ValueSource(
      ints = {100, 200, 201, 204, 301, 304, 400, 401, 403, 404, 405, 409, 410, 413, 422, 501, 505})
  void otherStatusesAreNotRetried(int code) {
    assertThat(RetryPolicy.isRetryableStatus(code)).isFalse();
  }

  @Test
  void connectionFailuresResetsTruncationsAndTimeoutsAreRetried() {
    assertThat(RetryPolicy.isRetryable(new ConnectException("Connection refused"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new SocketException("Connection reset"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new IOException("unexpected end of stream"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new SocketTimeoutException("Read timed out"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new SocketTimeoutException())).isTrue();
    assertThat(RetryPolicy.isRetryable(new InterruptedIOException("timeout"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new SSLHandshakeException("Remote host terminated")))
        .isTrue();
  }

  @Test
  void cancelsInterruptsAndRejectedCertificatesAreNotRetried() {
    assertThat(RetryPolicy.isRetryable(new IOException("Canceled"))).isFalse();
    assertThat(RetryPolicy.isRetryable(new InterruptedIOException("interrupted"))).isFalse();
    assertThat(RetryPolicy.isRetryable(new SSLPeerUnverifiedException("Hostname not verified")))
        .isFalse();
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertificateException("unable to find valid certification path"));
    assertThat(RetryPolicy.isRetryable(untrusted)).isFalse();
  }

  @Test
  void nothingIsRetriedOnAnInterruptedThread() {
    Thread.currentThread().interrupt();
    try {
      assertThat(RetryPolicy.isRetryable(new ConnectException("Connection refused"))).isFalse();
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void retryAfterDeltaSecondsIsRead() {
    assertThat(retryAfter("Retry-After", "120")).contains(Duration.ofSeconds(120));
    assertThat(retryAfter("Retry-After", " 7 ")).contains(Duration.ofSeconds(7));
    assertThat(retryAfter("Retry-After", "0")).contains(Duration.ZERO);
  }

  @Test
  void retryAfterHttpDateInTheFutureIsTheTimeUntilThen() {
    assertThat(retryAfter("Retry-After", httpDate(NOW + 90_000))).contains(Duration.ofSeconds(90));
  }

  @Test
  void retryAfterHttpDateInThePastMeansNoWait() {
    assertThat(retryAfter("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    assertThat(retryAfter("Retry-After", httpDate(NOW - 1_000))).contains(Duration.ZERO);
  }

  @Test
  void retryAfterInTheObsoleteHttpDateFormsIsRead() {
    // RFC 9110 requires recipients to accept RFC 850 and asctime dates as well.
    assertThat(retryAfter("Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT")).contains(Duration.ZERO);
    assertThat(retryAfter("Retry-After", "Sun Nov  6 08:49:37 1994")).contains(Duration.ZERO);
    String future = httpDate(NOW + 90_000); // e.g. "Tue, 3 Jun 2008 11:05:30 GMT"
    java.time.ZonedDateTime at =
        java.time.ZonedDateTime.parse(future, DateTimeFormatter.RFC_1123_DATE_TIME);
    String asctime =
        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", java.util.Locale.US).format(at);
    assertThat(retryAfter("Retry-After", asctime)).contains(Duration.ofSeconds(90));
  }

  @Test
  void retryAfterWithMoreDigitsThanALongIsCappedNotIgnored() {
    assertThat(retryAfter("Retry-After", "99999999999999999999999"))
        .contains(Duration.ofSeconds(1_000_000_000_000L));
  }

  @Test
  void retryAfterMsIsReadInMilliseconds() {
    assertThat(retryAfter("retry-after-ms", "250")).contains(Duration.ofMillis(250));
    assertThat(retryAfter("retry-after-ms", "1.5")).contains(Duration.ofNanos(1_500_000));
    assertThat(retryAfter("Retry-After-Ms", "0")).contains(Duration.ZERO);
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    Headers headers = Headers.of("Retry-After", "30", "retry-after-ms", "250");
    assertThat(RetryPolicy.retryAfter(headers, NOW)).contains(Duration.ofMillis(250));
  }

  @Test
  void unreadableRetryAfterMsFallsBackToRetryAfter() {
    Headers headers = Headers.of("Retry-After", "30", "retry-after-ms", "soon");
    assertThat(RetryPolicy.retryAfter(headers, NOW)).contains(Duration.ofSeconds(30));
  }

  @Test
  void hugeRetryAfterMsIsCappedNotOverflowed() {
    assertThat(retryAfter("retry-after-ms", "1e300"))
        .contains(Duration.ofMillis(1_000_000_000_000L));
    assertThat(retryAfter("retry-after-ms", "Infinity"))
        .contains(Duration.ofMillis(1_000_000_000_000L));
  }

  @ParameterizedTest(name = "Retry-After \"{0}\" is ignored")
  @ValueSource(
      strings = {"", "soon", "-5", "1.5", "5s", "Wed, 21 Oct 2015", "2015-10-21T07:28:00Z"})
  void garbageRetryAfterIsIgnored(String value) {
    assertThat(retryAfter("Retry-After", value)).isEmpty();
  }

  @ParameterizedTest(name = "retry-after-ms \"{0}\" is ignored")
  @ValueSource(strings = {"", "soon", "-1", "NaN", "0x10"})
  void garbageRetryAfterMsIsIgnored(String value) {
    assertThat(retryAfter("retry-after-ms", value)).isEmpty();
  }

  @Test
  void noHeaderMeansNoRequestedWait() {
    assertThat(RetryPolicy.retryAfter(Headers.of(), NOW)).isEmpty();
  }

  private static Optional<Duration> retryAfter(String name, String value) {
    return RetryPolicy.retryAfter(
        new Headers.Builder().addUnsafeNonAscii(name, value).build(), NOW);
  }

  static String httpDate(long epochMillis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
  }
}
