package com.baseten.sdk.internal;

import com.baseten.sdk.errors.AuthenticationException;
import com.baseten.sdk.errors.BadRequestException;
import com.baseten.sdk.errors.BasetenIoException;
import com.baseten.sdk.errors.BasetenServiceException;
import com.baseten.sdk.errors.BasetenTimeoutException;
import com.baseten.sdk.errors.ConflictException;
import com.baseten.sdk.errors.InternalServerException;
import com.baseten.sdk.errors.NotFoundException;
import com.baseten.sdk.errors.PermissionDeniedException;
import com.baseten.sdk.errors.RateLimitException;
import com.baseten.sdk.errors.UnexpectedStatusException;
import com.baseten.sdk.errors.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Turns a failed exchange into the exception a caller sees, with a message a person can act on. */
public final class Errors {
  /** The most characters of the server's explanation shown in a message. */
  static final int MAX_MESSAGE_CHARS = 500;

  private Errors() {}

  /** The exception for a non-2xx answer, from text that holds no API key. */
  public static BasetenServiceException forStatus(Exchange exchange, Headers headers, String body) {
    return forStatus(exchange, headers, body, Redactor.NONE);
  }

  /**
   * The exception for a non-2xx answer. The message is built from the server's text, then redacted,
   * along with the body and the headers kept: a key the server echoed escaped in JSON becomes plain
   * only once decoded into the message.
   */
  static BasetenServiceException forStatus(
      Exchange exchange, Headers serverHeaders, String serverBody, Redactor redactor) {
    String message = redactor.redact(message(exchange, serverHeaders, serverBody));
    Headers headers = redactor.redact(serverHeaders);
    String body = redactor.redact(serverBody);
    int code = exchange.statusCode();
    switch (code) {
      case 400:
        return new BadRequestException(message, headers, body);
      case 401:
        return new AuthenticationException(message, headers, body);
      case 403:
        return new PermissionDeniedException(message, headers, body);
      case 404:
        return new NotFoundException(message, headers, body);
      case 409:
        return new ConflictException(message, headers, body);
      case 422:
        return new UnprocessableEntityException(message, headers, body);
      case 429:
        return new RateLimitException(message, headers, body);
      default:
        return code >= 500 && code <= 599
            ? new InternalServerException(message, code, headers, body)
            : new UnexpectedStatusException(message, code, headers, body);
    }
  }

  /**
   * The exception for an exchange that got no answer.
   *
   * @param timeout the per-attempt timeout, named when a read or call timeout elapsed
   * @param connectTimeout named when connecting timed out
   * @param notes what the SDK adds, such as {@code attempt 3 of 3}
   */
  public static BasetenIoException forIo(
      String request,
      IOException e,
      Duration timeout,
      Duration connectTimeout,
      List<String> notes) {
    if (isTimeout(e)) {
      List<String> all = new ArrayList<>();
      String detail = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      all.add(
          detail.contains("connect")
              ? "connect timeout " + Text.duration(connectTimeout)
              : "timeout " + Text.duration(timeout));
      all.addAll(notes);
      return new BasetenTimeoutException(
          request + " timed out" + parenthesized(all) + ": " + describe(e), e);
    }
    return new BasetenIoException(
        request + " failed" + parenthesized(notes) + ": " + describe(e), e);
  }

  /** Whether an exchange failed because a connect, read or call timeout elapsed. */
  static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
  }

  private static String parenthesized(List<String> notes) {
    return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
  }

  private static String describe(Throwable e) {
    String detail = e.getMessage();
    String type = e.getClass().getSimpleName();
    return detail == null || detail.isEmpty() ? type : type + ": " + Text.excerpt(detail, 200);
  }

  private static String message(Exchange exchange, Headers headers, String body) {
    StringBuilder out =
        new StringBuilder(exchange.describe()).append(" -> ").append(exchange.statusLine());
    List<String> notes = new ArrayList<>();
    String requestId = headers.get("x-request-id");
    if (requestId != null && !requestId.isEmpty()) {
      notes.add("request id " + Text.excerpt(requestId, 100));
    }
    notes.addAll(exchange.notes());
    out.append(parenthesized(notes));
    String location = headers.get("Location");
    if (exchange.statusCode() / 100 == 3 && location != null) {
      out.append(", redirect to ").append(Text.excerpt(location, 200)).append(" not followed");
    }
    String explanation = serverExplanation(body);
    if (!explanation.isEmpty()) {
      out.append(": ").append(explanation);
    }
    return out.toString();
  }

  /**
   * The server's own words: the {@code message}, {@code detail} or {@code error} field of a JSON
   * object, else the start of the body.
   */
  static String serverExplanation(String body) {
    JsonNode root = Json.parseOrNull(body);
    if (root != null && root.isObject()) {
      for (String field : new String[] {"message", "detail", "error"}) {
        String value = fieldText(root.get(field));
        if (value != null) {
          return Text.excerpt(value, MAX_MESSAGE_CHARS);
        }
      }
    }
    return Text.excerpt(body, MAX_MESSAGE_CHARS);
  }

  private static @Nullable String fieldText(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isValueNode() ? value.asText() : value.toString();
    return text.trim().isEmpty() ? null : text;
  }

  /** The reason phrase for a status, since HTTP/2 answers carry none. */
  static String reason(int code, String sent) {
    switch (code) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 422:
        return "Unprocessable Entity";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return Text.excerpt(sent, 100);
    }
  }
}
