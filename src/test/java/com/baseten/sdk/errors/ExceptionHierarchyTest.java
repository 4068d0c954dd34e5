package com.baseten.sdk.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExceptionHierarchyTest {
  private static final Headers HEADERS = Headers.of("x-request-id", "req-1");
  private static final String BODY = "{\"message\":\"no\"}";

  static Stream<Arguments> statusExceptions() {
    return Stream.of(
        status(new BadRequestException("m", HEADERS, BODY), 400),
        status(new AuthenticationException("m", HEADERS, BODY), 401),
        status(new PermissionDeniedException("m", HEADERS, BODY), 403),
        status(new NotFoundException("m", HEADERS, BODY), 404),
        status(new ConflictException("m", HEADERS, BODY), 409),
        status(new UnprocessableEntityException("m", HEADERS, BODY), 422),
        status(new RateLimitException("m", HEADERS, BODY), 429),
        status(new InternalServerException("m", 500, HEADERS, BODY), 500),
        status(new InternalServerException("m", 503, HEADERS, BODY), 503),
        status(new UnexpectedStatusException("m", 418, HEADERS, BODY), 418),
        status(new UnexpectedStatusException("m", 302, HEADERS, BODY), 302));
  }

  private static Arguments status(BasetenServiceException e, int code) {
    return arguments(named(e.getClass().getSimpleName() + " " + code, e), code);
  }

  @ParameterizedTest
  @MethodSource("statusExceptions")
  void statusExceptionReportsItsStatusCode(BasetenServiceException e, int code) {
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e).hasMessage("m").hasNoCause();
    assertThat(e.headers()).isSameAs(HEADERS);
    assertThat(e.requestId()).contains("req-1");
    assertThat(e.body()).isEqualTo(BODY);
  }

  @ParameterizedTest
  @MethodSource("statusExceptions")
  void statusExceptionIsAnUncheckedServiceException(BasetenServiceException e) {
    assertThat(e)
        .isInstanceOf(BasetenServiceException.class)
        .isInstanceOf(BasetenException.class)
        .isInstanceOf(RuntimeException.class)
        .isNotInstanceOf(BasetenIoException.class);
  }

  @Test
  void ioExceptionIsABasetenExceptionThatKeepsItsCause() {
    IOException cause = new IOException("connection reset");
    BasetenIoException e = new BasetenIoException("PATCH /x failed", cause);

    assertThat(e).hasMessage("PATCH /x failed").hasCause(cause);
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e)
        .isInstanceOf(BasetenException.class)
        .isInstanceOf(RuntimeException.class)
        .isNotInstanceOf(BasetenServiceException.class);
  }

  @Test
  void timeoutExceptionIsAnIoException() {
    SocketTimeoutException cause = new SocketTimeoutException("Read timed out");
    BasetenTimeoutException e = new BasetenTimeoutException("PATCH /x timed out", cause);

    assertThat(e).isInstanceOf(BasetenIoException.class).isInstanceOf(BasetenException.class);
    assertThat(e).hasMessage("PATCH /x timed out");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void invalidResponseExceptionKeepsMessageAndCause() {
    IllegalStateException cause = new IllegalStateException("parse failure");
    BasetenInvalidResponseException e =
        new BasetenInvalidResponseException("PATCH /x -> 200 OK, but the body is not JSON", cause);

    assertThat(e).hasMessage("PATCH /x -> 200 OK, but the body is not JSON");
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e)
        .isInstanceOf(BasetenException.class)
        .isNotInstanceOf(BasetenServiceException.class)
        .isNotInstanceOf(BasetenIoException.class);
  }

  @Test
  void invalidResponseExceptionAcceptsNoCause() {
    BasetenInvalidResponseException e =
        new BasetenInvalidResponseException("the body has no string \"status\"", null);

    assertThat(e).hasMessage("the body has no string \"status\"").hasNoCause();
  }

  @Test
  void basetenExceptionIsUnchecked() {
    BasetenException e = new BasetenException("m");

    assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("m").hasNoCause();
  }

  @org.junit.jupiter.api.Test
  void internalServerExceptionRefusesAStatusOutside5xx() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new InternalServerException("m", 404, okhttp3.Headers.of(), ""))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("statusCode must be within 500..599: 404");
  }
}
