package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.ConflictException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.errors.PermissionDeniedException;
import com.baseten.sdk.errors.UnexpectedStatusException;
import com.baseten.sdk.errors.UnprocessableEntityException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  private static final String PATH = "/v1/models/abc/deployments/development/autoscaling_settings";
  private static final String NOT_FOUND_BODY = "{\"message\":\"model not found\"}";

  private static Exchange exchange(int code, String sentReason) {
    return new Exchange("PATCH", PATH, code, Errors.reason(code, sentReason));
  }

  // serverExplanation

  @Test
  void explanationPrefersMessage() {
    assertThat(Errors.serverExplanation("{\"error\":\"e\",\"detail\":\"d\",\"message\":\"m\"}"))
        .isEqualTo("m");
  }

  @Test
  void explanationFallsBackToDetail() {
    assertThat(Errors.serverExplanation("{\"error\":\"e\",\"detail\":\"d\"}")).isEqualTo("d");
  }

  @Test
  void explanationFallsBackToError() {
    assertThat(Errors.serverExplanation("{\"error\":\"e\",\"code\":7}")).isEqualTo("e");
  }

  @Test
  void explanationSkipsBlankAndNullFields() {
    assertThat(Errors.serverExplanation("{\"message\":\"\",\"detail\":\"d\"}")).isEqualTo("d");
    assertThat(Errors.serverExplanation("{\"message\":null,\"detail\":\" \\n \",\"error\":\"e\"}"))
        .isEqualTo("e");
  }

  @Test
  void explanationShowsNonStringDetailAsCompactJson() {
    String body = "{\"detail\": [ {\"loc\": [\"body\", \"min_replica\"], \"msg\": \"bad\"} ]}";

    assertThat(Errors.serverExplanation(body))
        .isEqualTo("[{\"loc\":[\"body\",\"min_replica\"],\"msg\":\"bad\"}]");
  }

  @Test
  void explanationShowsNumericMessageAsText() {
    assertThat(Errors.serverExplanation("{\"message\":42}")).isEqualTo("42");
  }

  @Test
  void explanationPutsAMultiLineMessageOnOneLine() {
    assertThat(Errors.serverExplanation("{\"message\":\"first\\n  second\"}"))
        .isEqualTo("first second");
  }

  @Test
  void explanationOfAJsonObjectWithoutKnownFieldsIsTheBody() {
    assertThat(Errors.serverExplanation("{\"code\": \"E42\"}")).isEqualTo("{\"code\": \"E42\"}");
    assertThat(Errors.serverExplanation("{\"message\":\"\",\"error\":null}"))
        .isEqualTo("{\"message\":\"\",\"error\":null}");
  }

  @Test
  void explanationOfANonObjectJsonBodyIsTheBody() {
    assertThat(Errors.serverExplanation("[\"a\", \"b\"]")).isEqualTo("[\"a\", \"b\"]");
  }

  @Test
  void explanationOfANonJsonBodyIsTheBodyOnOneLine() {
    assertThat(Errors.serverExplanation("<html>\n  <body>Bad gateway</body>\n</html>\n"))
        .isEqualTo("<html> <body>Bad gateway</body> </html>");
  }

  @Test
  void explanationOfALongNonJsonBodyIsCutAt500Characters() {
    assertThat(Errors.serverExplanation("x".repeat(501))).isEqualTo("x".repeat(500) + "...");
    assertThat(Errors.serverExplanation("x".repeat(500))).isEqualTo("x".repeat(500));
  }

  @Test
  void explanationOfALongMessageIsCutAt500Characters() {
    String body = "{\"message\":\"" + "m".repeat(600) + "\"}";

    assertThat(Errors.serverExplanation(body)).isEqualTo("m".repeat(500) + "...");
  }

  @Test
  void explanationOfAnEmptyBodyIsEmpty() {
    assertThat(Errors.serverExplanation("")).isEmpty();
    assertThat(Errors.serverExplanation(" \n ")).isEmpty();
  }

  // reason

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "200, \"\", OK",
        "400, \"\", Bad Request",
        "401, \"\", Unauthorized",
        "403, \"\", Forbidden",
        "404, \"\", Not Found",
        "404, Nope, Not Found",
        "408, \"\", Request Timeout",
        "409, \"\", Conflict",
        "422, \"\", Unprocessable Entity",
        "429, \"\", Too Many Requests",
        "500, \"\", Internal Server Error",
        "502, \"\", Bad Gateway",
        "503, \"\", Service Unavailable",
        "504, \"\", Gateway Timeout",
        "302, Found, Found",
        "418, I'm a teapot, I'm a teapot",
        "418, \"\", \"\"",
      })
  void reasonNamesKnownStatusesAndKeepsTheSentPhraseOtherwise(
      int code, String sent, String expected) {
    assertThat(Errors.reason(code, sent)).isEqualTo(expected);
  }

  @Test
  void reasonPutsASentPhraseOnOneLine() {
    assertThat(Errors.reason(599, "  Network\r\nConnect Timeout "))
        .isEqualTo("Network Connect Timeout");
  }

  // forStatus

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "400, Bad Request, com.baseten.sdk.errors.BadRequestException",
        "401, Unauthorized, com.baseten.sdk.errors.AuthenticationException",
        "403, Forbidden, com.baseten.sdk.errors.PermissionDeniedException",
        "404, Not Found, com.baseten.sdk.errors.NotFoundException",
        "409, Conflict, com.baseten.sdk.errors.ConflictException",
        "422, Unprocessable Entity, com.baseten.sdk.errors.UnprocessableEntityException",
        "429, Too Many Requests, com.baseten.sdk.errors.RateLimitException",
        "500, Internal Server Error, com.baseten.sdk.errors.InternalServerException",
        "502, Bad Gateway, com.baseten.sdk.errors.InternalServerException",
        "503, Service Unavailable, com.baseten.sdk.errors.InternalServerException",
        "504, Gateway Timeout, com.baseten.sdk.errors.InternalServerException",
        "418, I'm a teapot, com.baseten.sdk.errors.UnexpectedStatusException",
        "302, Found, com.baseten.sdk.errors.UnexpectedStatusException",
      })
  void forStatusMapsEachStatusToItsException(int code, String reason, Class<?> type) {
    Headers headers = Headers.of("x-request-id", "req-1");

    BasetenServiceException e = Errors.forStatus(exchange(code, reason), headers, NOT_FOUND_BODY);

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e)
        .hasMessage(
            String.format(
                "PATCH %s -> %d %s (request id req-1): model not found", PATH, code, reason));
    assertThat(e.statusCode()).isEqualTo(code);
    assertThat(e.headers()).isSameAs(headers);
    assertThat(e.body()).isEqualTo(NOT_FOUND_BODY);
    assertThat(e.requestId()).contains("req-1");
  }

  @Test
  void forStatusMessageNamesRequestStatusRequestIdAndExplanation() {
    BasetenServiceException e =
        Errors.forStatus(exchange(404, ""), Headers.of("x-request-id", "req-1"), NOT_FOUND_BODY);

    assertThat(e)
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessage(
            "PATCH /v1/models/abc/deployments/development/autoscaling_settings"
                + " -> 404 Not Found (request id req-1): model not found");
  }

  @Test
  void forStatusMessageOmitsAMissingOrEmptyRequestId() {
    assertThat(Errors.forStatus(exchange(401, ""), Headers.of(), "{\"detail\":\"bad key\"}"))
        .isExactlyInstanceOf(AuthenticationException.class)
        .hasMessage("PATCH " + PATH + " -> 401 Unauthorized: bad key");
    assertThat(
            Errors.forStatus(
                exchange(403, ""), Headers.of("x-request-id", ""), "{\"error\":\"forbidden\"}"))
        .isExactlyInstanceOf(PermissionDeniedException.class)
        .hasMessage("PATCH " + PATH + " -> 403 Forbidden: forbidden");
  }

  @Test
  void forStatusMessageEndsAtTheStatusWhenTheBodyIsEmpty() {
    assertThat(Errors.forStatus(exchange(500, ""), Headers.of(), ""))
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessage("PATCH " + PATH + " -> 500 Internal Server Error");
  }

  @Test
  void forStatusMessageShowsAStatusWithoutReasonAsTheCodeAlone() {
    assertThat(Errors.forStatus(exchange(418, ""), Headers.of(), "short and stout"))
        .isExactlyInstanceOf(UnexpectedStatusException.class)
        .hasMessage("PATCH " + PATH + " -> 418: short and stout");
  }

  @Test
  void forStatusMessageShowsANonJsonBodyOnOneLine() {
    assertThat(Errors.forStatus(exchange(502, "Bad Gateway"), Headers.of(), "<h1>502</h1>\n"))
        .isExactlyInstanceOf(InternalServerException.class)
        .hasMessage("PATCH " + PATH + " -> 502 Bad Gateway: <h1>502</h1>");
  }

  @Test
  void forStatusMessageOfARedirectNamesTheLocation() {
    Headers headers = Headers.of("Location", "https://app.baseten.co/login");

    assertThat(Errors.forStatus(exchange(302, "Found"), headers, ""))
        .isExactlyInstanceOf(UnexpectedStatusException.class)
        .hasMessage(
            "PATCH "
                + PATH
                + " -> 302 Found, redirect to https://app.baseten.co/login not followed");
  }

  @Test
  void forStatusMessageOfARedirectPutsRequestIdLocationAndExplanationInOrder() {
    Headers headers = Headers.of("x-request-id", "req-9", "Location", "/v2/models");

    assertThat(Errors.forStatus(exchange(301, "Moved Permanently"), headers, "moved"))
        .isExactlyInstanceOf(UnexpectedStatusException.class)
        .hasMessage(
            "PATCH "
                + PATH
                + " -> 301 Moved Permanently (request id req-9), redirect to /v2/models not"
                + " followed: moved");
  }

  @Test
  void forStatusMessageIgnoresLocationOutsideRedirects() {
    Headers headers = Headers.of("Location", "https://example.com/");

    assertThat(Errors.forStatus(exchange(409, ""), headers, "{\"message\":\"busy\"}"))
        .isExactlyInstanceOf(ConflictException.class)
        .hasMessage("PATCH " + PATH + " -> 409 Conflict: busy");
  }

  @Test
  void forStatusKeepsTheWholeBodyWhileTheMessageShowsAnExcerpt() {
    String body = "{\"message\":\"" + "m".repeat(600) + "\"}";

    BasetenServiceException e = Errors.forStatus(exchange(422, ""), Headers.of(), body);

    assertThat(e).isExactlyInstanceOf(UnprocessableEntityException.class);
    assertThat(e.getMessage())
        .isEqualTo("PATCH " + PATH + " -> 422 Unprocessable Entity: " + "m".repeat(500) + "...");
    assertThat(e.body()).isEqualTo(body);
  }

  @Test
  void forStatusOfAnUnlistedClientErrorIsUnexpected() {
    assertThat(Errors.forStatus(exchange(408, ""), Headers.of(), ""))
        .isExactlyInstanceOf(UnexpectedStatusException.class)
        .hasMessage("PATCH " + PATH + " -> 408 Request Timeout");
  }

  // forIo

  @Test
  void socketTimeoutBecomesTimeoutException() {
    SocketTimeoutException cause = new SocketTimeoutException("Read timed out");

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofSeconds(60), Duration.ofSeconds(10), List.of());

    assertThat(e)
        .isExactlyInstanceOf(BasetenTimeoutException.class)
        .hasMessage("PATCH /x timed out (timeout 60s): SocketTimeoutException: Read timed out");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void callTimeoutBecomesTimeoutException() {
    InterruptedIOException cause = new InterruptedIOException("timeout");

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofMillis(1500), Duration.ofSeconds(10), List.of());

    assertThat(e)
        .isExactlyInstanceOf(BasetenTimeoutException.class)
        .hasMessage("PATCH /x timed out (timeout 1.5s): InterruptedIOException: timeout");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void interruptionIsNotATimeout() {
    InterruptedIOException cause = new InterruptedIOException("interrupted");

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofSeconds(60), Duration.ofSeconds(10), List.of());

    assertThat(e)
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasMessage("PATCH /x failed: InterruptedIOException: interrupted");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void connectFailureBecomesIoException() {
    ConnectException cause = new ConnectException("Connection refused");

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofSeconds(60), Duration.ofSeconds(10), List.of());

    assertThat(e)
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasMessage("PATCH /x failed: ConnectException: Connection refused");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void ioFailureWithoutMessageNamesItsType() {
    IOException cause = new IOException();

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofSeconds(60), Duration.ofSeconds(10), List.of());

    assertThat(e)
        .isExactlyInstanceOf(BasetenIoException.class)
        .hasMessage("PATCH /x failed: IOException");
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void ioFailureMessageIsOneLineAndBounded() {
    IOException cause = new IOException("unexpected end of stream\non " + "h".repeat(300));

    BasetenIoException e =
        Errors.forIo("PATCH /x", cause, Duration.ofSeconds(60), Duration.ofSeconds(10), List.of());

    String detail = ("unexpected end of stream on " + "h".repeat(300)).substring(0, 200);
    assertThat(e).hasMessage("PATCH /x failed: IOException: " + detail + "...");
  }

  @Test
  void connectTimeoutNamesTheConnectTimeout() {
    SocketTimeoutException cause = new SocketTimeoutException("Connect timed out");

    BasetenIoException e =
        Errors.forIo(
            "PATCH /x",
            cause,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            List.of("attempt 1 of 3"));

    assertThat(e)
        .isExactlyInstanceOf(BasetenTimeoutException.class)
        .hasMessage(
            "PATCH /x timed out (connect timeout 10s; attempt 1 of 3): SocketTimeoutException: Connect timed out");
  }

  @Test
  void ioFailureNotesFollowTheRequest() {
    BasetenIoException e =
        Errors.forIo(
            "PATCH /x",
            new ConnectException("Connection refused"),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            List.of("attempt 3 of 3"));

    assertThat(e)
        .hasMessage("PATCH /x failed (attempt 3 of 3): ConnectException: Connection refused");
  }
}
