package com.baseten.sdk.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class BasetenServiceExceptionTest {
  @Test
  void keepsMessageStatusHeadersAndBody() {
    Headers headers = Headers.of("Content-Type", "application/json", "x-request-id", "req-1");
    BasetenServiceException e =
        new BasetenServiceException("PATCH /x -> 404 Not Found", 404, headers, "{\"a\":1}");

    assertThat(e).hasMessage("PATCH /x -> 404 Not Found");
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.headers()).isSameAs(headers);
    assertThat(e.body()).isEqualTo("{\"a\":1}");
    assertThat(e).hasNoCause();
  }

  @Test
  void requestIdComesFromTheXRequestIdHeader() {
    BasetenServiceException e =
        new BasetenServiceException("m", 500, Headers.of("x-request-id", "req-1"), "");

    assertThat(e.requestId()).contains("req-1");
  }

  @Test
  void requestIdHeaderNameIsCaseInsensitive() {
    BasetenServiceException e =
        new BasetenServiceException("m", 500, Headers.of("X-Request-Id", "req-2"), "");

    assertThat(e.requestId()).contains("req-2");
  }

  @Test
  void requestIdIsEmptyWhenTheHeaderIsAbsent() {
    BasetenServiceException e =
        new BasetenServiceException("m", 500, Headers.of("x-trace-id", "t"), "");

    assertThat(e.requestId()).isEmpty();
  }

  @Test
  void maxBodyCharsIs64Ki() {
    assertThat(BasetenServiceException.MAX_BODY_CHARS).isEqualTo(65536);
  }

  @Test
  void bodyAtTheLimitIsKeptWhole() {
    String body = "a".repeat(BasetenServiceException.MAX_BODY_CHARS);

    assertThat(new BasetenServiceException("m", 500, Headers.of(), body).body()).isEqualTo(body);
  }

  @Test
  void bodyOverTheLimitIsTruncated() {
    String kept = "a".repeat(BasetenServiceException.MAX_BODY_CHARS);

    BasetenServiceException e =
        new BasetenServiceException("m", 500, Headers.of(), kept + "discarded");

    assertThat(e.body()).isEqualTo(kept);
  }

  @Test
  void subclassTruncatesTheBodyToo() {
    String kept = "b".repeat(BasetenServiceException.MAX_BODY_CHARS);

    assertThat(new NotFoundException("m", Headers.of(), kept + "more").body()).isEqualTo(kept);
  }

  @Test
  void nullHeadersAreRejected() {
    assertThatThrownBy(() -> new BasetenServiceException("m", 500, null, ""))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("headers == null");
  }

  @Test
  void nullBodyIsRejected() {
    assertThatThrownBy(() -> new BasetenServiceException("m", 500, Headers.of(), null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("body == null");
  }

  @Test
  void requestIdAndBodySurviveJavaSerializationWhileHeadersBecomeEmpty() throws Exception {
    BasetenServiceException original =
        new NotFoundException(
            "PATCH /x -> 404 Not Found", okhttp3.Headers.of("x-request-id", "req-9"), "gone");

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    BasetenServiceException copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (BasetenServiceException) in.readObject();
    }

    assertThat(copy).isInstanceOf(NotFoundException.class).hasMessage("PATCH /x -> 404 Not Found");
    assertThat(copy.requestId()).contains("req-9");
    assertThat(copy.body()).isEqualTo("gone");
    assertThat(copy.statusCode()).isEqualTo(404);
    assertThat(copy.headers().size()).isZero();
  }

  @Test
  void retryAfterReadsTheServersHeader() {
    BasetenServiceException e =
        new RateLimitException("m", okhttp3.Headers.of("Retry-After", "30"), "");
    BasetenServiceException none = new RateLimitException("m", okhttp3.Headers.of(), "");

    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(30));
    assertThat(none.retryAfter()).isEmpty();
  }
}
