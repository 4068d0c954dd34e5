package com.baseten.sdk.internal;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.baseten.sdk.RawResponse;
import com.baseten.sdk.RequestOptions;
import com.baseten.sdk.errors.BasetenInvalidResponseException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * One SDK call across all its attempts: the request, the settings in force, the deadline, and what
 * to do after each attempt. The sync and async paths both drive it, so they retry, log and fail
 * alike.
 */
final class Attempts<T> {
  /** The largest successful body read; the API's answers are a few hundred bytes. */
  static final long MAX_SUCCESS_BODY_BYTES = 1024 * 1024;

  /** The largest error body read; the rest is discarded. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  static final Logger LOG = Logger.getLogger("com.baseten.sdk.http");

  /**
   * The least time left for an attempt worth starting: {@value} ms, or a quarter of a shorter
   * deadline. An attempt with less would most likely time out, and its timeout would replace the
   * server's real answer (a 429, a 503) as the failure the caller sees.
   */
  static final long MIN_ATTEMPT_MILLIS = 1000;

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");

  private final ClientOptions options;
  private final Request request;
  private final String method;
  private final String path;
  private final HttpTransport.ResponseParser<T> parser;
  private final Duration timeout;
  private final Duration deadline;
  private final int maxAttempts;
  private final long deadlineAt;
  private int attempt;
  private long attemptStartedAt;
  private long attemptTimeoutNanos;
  private @Nullable RuntimeException previousFailure;

  Attempts(
      ClientOptions options,
      ApiRequest apiRequest,
      HttpTransport.ResponseParser<T> parser,
      RequestOptions requestOptions) {
    this.options = options;
    this.request = toHttpRequest(options, apiRequest, requestOptions.headers());
    this.method = apiRequest.method();
    this.path = request.url().encodedPath();
    this.parser = parser;
    Duration t = requestOptions.timeout();
    this.timeout = t != null ? t : options.timeout();
    Duration d = requestOptions.deadline();
    this.deadline = d != null ? d : options.deadline();
    Integer retries = requestOptions.maxRetries();
    this.maxAttempts = (retries != null ? retries : options.maxRetries()) + 1;
    this.deadlineAt = options.clock().nanoTime() + deadline.toNanos();
  }

  /** Builds the HTTP request: the URL under the base URL, the body, and every header. */
  static Request toHttpRequest(
      ClientOptions options, ApiRequest request, Map<String, String> extraHeaders) {
    HttpUrl.Builder url = options.baseUrl().newBuilder().addPathSegment("v1");
    for (String segment : request.pathSegments()) {
      url.addPathSegment(segment);
    }
    byte[] body = request.body();
    Request.Builder builder =
        new Request.Builder()
            .url(url.build())
            .method(request.method(), body == null ? null : RequestBody.create(body, JSON));
    for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder
        .header("Authorization", options.authorization())
        .header("Accept", "application/json")
        .header("User-Agent", UserAgent.VALUE)
        .build();
  }

  /** The request, as {@code PATCH /v1/...}, for messages. */
  String described() {
    return method + " " + path;
  }

  /** Starts the next attempt: a new call whose timeout also respects the deadline. */
  Call newCall(OkHttpClient http) {
    attempt++;
    Call call = http.newCall(request);
    attemptStartedAt = options.clock().nanoTime();
    long remaining = deadlineAt - attemptStartedAt;
    attemptTimeoutNanos = Math.max(1, Math.min(timeout.toNanos(), remaining));
    call.timeout().timeout(attemptTimeoutNanos, NANOSECONDS);
    // Also absolute, so that time an async call spends queued in OkHttp's dispatcher counts.
    call.timeout().deadline(Math.max(1, remaining), NANOSECONDS);
    return call;
  }

  /** Reads an answer; the caller closes the response. */
  Step<T> onResponse(Response response) throws IOException {
    int code = response.code();
    Exchange exchange = new Exchange(method, path, code, Errors.reason(code, response.message()));
    if (response.isSuccessful()) {
      Buffer buffer = new Buffer();
      readAtMost(response.body().source(), buffer, MAX_SUCCESS_BODY_BYTES + 1);
      logAttempt(exchange.statusLine(), response.headers().get("x-request-id"), null);
      if (buffer.size() > MAX_SUCCESS_BODY_BYTES) {
        return Step.fail(
            new BasetenInvalidResponseException(
                exchange.describe()
                    + " -> "
                    + exchange.statusLine()
                    + ", but the body is larger than "
                    + MAX_SUCCESS_BODY_BYTES
                    + " bytes",
                null));
      }
      String body = options.redactor().redact(utf8(buffer));
      return Step.succeed(
          new RawResponse<>(code, response.headers(), () -> parser.parse(exchange, body)));
    }
    // Once a status line is in, the status decides: a body that breaks off mid-read is kept as
    // far as it came, and the answer is judged as the status it is, not as a connection failure.
    Buffer read = new Buffer();
    List<String> bodyNotes = new ArrayList<>(1);
    try {
      readAtMost(response.body().source(), read, MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      bodyNotes.add("body cut short: " + e.getClass().getSimpleName());
    }
    String body = utf8(read);
    logAttempt(exchange.statusLine(), response.headers().get("x-request-id"), null);
    Decision decision =
        decide(
            RetryPolicy.isRetryableStatus(code),
            RetryPolicy.retryAfter(response.headers(), options.clock().currentTimeMillis()));
    bodyNotes.addAll(decision.notes);
    RuntimeException failure =
        Errors.forStatus(
            exchange.withNotes(bodyNotes), response.headers(), body, options.redactor());
    return retryOrFail(decision, failure, "-> " + exchange.statusLine());
  }

  /** Handles an attempt that got no complete answer. */
  Step<T> onFailure(IOException e) {
    logAttempt("failed", null, e);
    Decision decision = decide(RetryPolicy.isRetryable(e), Optional.empty());
    List<String> notes = decision.notes;
    boolean cutByDeadline = attemptTimeoutNanos < timeout.toNanos();
    if (cutByDeadline && Errors.isTimeout(e) && !notes.contains(deadlineNote())) {
      notes = new ArrayList<>(notes);
      notes.add(deadlineNote());
    }
    RuntimeException failure =
        Errors.forIo(
            described(), e, Duration.ofNanos(attemptTimeoutNanos), options.connectTimeout(), notes);
    return retryOrFail(decision, failure, "failed: " + e.getClass().getSimpleName());
  }

  private Step<T> retryOrFail(Decision decision, RuntimeException failure, String outcome) {
    RuntimeException earlier = previousFailure;
    if (earlier != null) {
      // The earlier attempts' failures stay reachable, each holding the one before it: a last
      // attempt cut short by the deadline must not hide the server's real answer.
      failure.addSuppressed(earlier);
    }
    Duration wait = decision.wait;
    if (wait == null) {
      return Step.fail(failure);
    }
    previousFailure = failure;
    if (LOG.isLoggable(Level.WARNING)) {
      LOG.warning(
          described()
              + " "
              + outcome
              + " (attempt "
              + attempt
              + " of "
              + maxAttempts
              + "); retrying in "
              + Text.duration(wait));
    }
    return Step.retry(wait, failure);
  }

  int attempt() {
    return attempt;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  private void logAttempt(String outcome, @Nullable String requestId, @Nullable IOException e) {
    if (!LOG.isLoggable(Level.FINE)) {
      return;
    }
    long millis = (options.clock().nanoTime() - attemptStartedAt) / 1_000_000;
    StringBuilder line =
        new StringBuilder(described())
            .append(outcome.equals("failed") ? " failed" : " -> " + outcome)
            .append(" (attempt ")
            .append(attempt)
            .append(" of ")
            .append(maxAttempts)
            .append(", ")
            .append(millis)
            .append(" ms");
    if (requestId != null) {
      line.append(", request id ").append(Text.excerpt(requestId, 100));
    }
    line.append(')');
    if (e != null) {
      line.append(": ").append(e.getClass().getSimpleName());
    }
    LOG.fine(line.toString());
  }

  /** Whether to try again and after how long ({@code wait} is null to stop), and what to say. */
  private static final class Decision {
    final @Nullable Duration wait;
    final List<String> notes;

    Decision(@Nullable Duration wait, List<String> notes) {
      this.wait = wait;
      this.notes = notes;
    }
  }

  private Decision decide(boolean retryable, Optional<Duration> retryAfter) {
    List<String> notes = new ArrayList<>();
    if (!retryable) {
      if (attempt > 1) {
        notes.add("attempt " + attempt + " of " + maxAttempts);
      }
      return new Decision(null, notes);
    }
    notes.add("attempt " + attempt + " of " + maxAttempts);
    if (attempt >= maxAttempts) {
      return new Decision(null, notes);
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(options.maxRetryAfter()) > 0) {
      notes.add(
          "server asked to retry after "
              + Text.duration(retryAfter.get())
              + ", more than maxRetryAfter "
              + Text.duration(options.maxRetryAfter()));
      return new Decision(null, notes);
    }
    Duration wait =
        retryAfter.orElseGet(() -> RetryPolicy.backoff(attempt, options.jitter().getAsDouble()));
    // Compared as durations: a wait of years must not overflow nanosecond arithmetic. The next
    // attempt must also have time left to be worth starting.
    Duration left = Duration.ofNanos(Math.max(0, deadlineAt - options.clock().nanoTime()));
    if (wait.plus(minAttempt()).compareTo(left) > 0) {
      notes.add(deadlineNote());
      return new Decision(null, notes);
    }
    return new Decision(wait, notes);
  }

  /** {@link #MIN_ATTEMPT_MILLIS}, or a quarter of a deadline shorter than four times that. */
  private Duration minAttempt() {
    Duration floor = Duration.ofMillis(MIN_ATTEMPT_MILLIS);
    Duration quarter = deadline.dividedBy(4);
    return quarter.compareTo(floor) < 0 ? quarter : floor;
  }

  private String deadlineNote() {
    return "deadline " + Text.duration(deadline) + " reached";
  }

  /**
   * Reads up to {@code limit} bytes into {@code buffer}; the rest of a larger body is discarded.
   */
  private static void readAtMost(BufferedSource source, Buffer buffer, long limit)
      throws IOException {
    while (buffer.size() < limit) {
      long read = source.read(buffer, limit - buffer.size());
      if (read == -1) {
        break;
      }
    }
  }

  private static String utf8(Buffer buffer) throws IOException {
    if (buffer.rangeEquals(0, UTF8_BOM)) {
      buffer.skip(UTF8_BOM.size());
    }
    return buffer.readUtf8();
  }

  /**
   * What an attempt came to: a response, a failure to throw, or a failure to retry after a wait.
   */
  static final class Step<T> {
    final @Nullable RawResponse<T> response;
    final @Nullable RuntimeException failure;
    final @Nullable Duration wait;

    private Step(
        @Nullable RawResponse<T> response,
        @Nullable RuntimeException failure,
        @Nullable Duration wait) {
      this.response = response;
      this.failure = failure;
      this.wait = wait;
    }

    static <T> Step<T> succeed(RawResponse<T> response) {
      return new Step<>(response, null, null);
    }

    static <T> Step<T> fail(RuntimeException failure) {
      return new Step<>(null, failure, null);
    }

    static <T> Step<T> retry(Duration wait, RuntimeException failure) {
      return new Step<>(null, failure, wait);
    }
  }
}
