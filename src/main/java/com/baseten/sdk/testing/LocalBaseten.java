package com.baseten.sdk.testing;

import com.baseten.sdk.internal.Json;
import com.baseten.sdk.models.AutoscalingSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An in-process fake of the Baseten management API, for tests that need no network and no key.
 *
 * <pre>{@code
 * try (LocalBaseten local = LocalBaseten.start()) {
 *   local.addModel("abc123");
 *   try (BasetenClient client = BasetenClient.builder()
 *       .apiKey(local.apiKey())
 *       .baseUrl(local.baseUrl())
 *       .build()) {
 *     client.deployments().development()
 *         .updateAutoscaling("abc123", AutoscalingPatch.builder().maxReplica(1).build());
 *   }
 *   assertEquals(1, local.autoscalingSettings("abc123", "development").maxReplica());
 * }
 * }</pre>
 *
 * <p>It runs on the JDK's built-in HTTP server, bound to 127.0.0.1 on a free port, and serves
 * {@code PATCH /v1/models/{model_id}/deployments/{development|production}/autoscaling_settings}. It
 * behaves as Baseten documents:
 *
 * <ul>
 *   <li>401 with a JSON {@code message} when the {@code Authorization} header does not carry {@link
 *       #apiKey()} (as {@code Api-Key <key>} or {@code Bearer <key>});
 *   <li>404 for a model that was not {@linkplain #addModel(String) added}, or another path;
 *   <li>400 for a body that is not a JSON object, an unknown field (the schema forbids them), a
 *       value that is not an integer, or a value outside the documented ranges: {@code min_replica
 *       >= 0}, {@code max_replica} 1..10, {@code min_replica <= max_replica} after the update,
 *       {@code autoscaling_window} 10..3600, {@code scale_down_delay} 0..3600, {@code
 *       concurrency_target >= 1}, {@code target_utilization_percentage} 1..100, {@code
 *       target_in_flight_tokens >= 1}, {@code max_scale_down_rate} 1..50;
 *   <li>{@code UNCHANGED} when every value sent equals the one the deployment will have (the one
 *       held, or one already queued; a {@code null} value counts as not sent), {@code ACCEPTED}
 *       otherwise, and {@code QUEUED} while the deployment is {@linkplain #setBusy(String, String,
 *       boolean) busy}: queued values apply when it is no longer busy;
 *   <li>405 for another method on the settings path.
 * </ul>
 *
 * <p>Where Baseten documents nothing, this is an approximation: the error bodies ({@code
 * {"message": "..."}}), the {@code x-request-id} header on every answer, the texts of the messages,
 * and the treatment of replica bounds on development deployments (held to the same ranges as any
 * other) are this fake's choices, not the service's.
 *
 * <p>Thread-safe. Every request it answers is kept for {@link #requests()}, except one whose path
 * has a malformed percent-escape: the JDK's HTTP server refuses that itself, with a plain 400.
 */
public final class LocalBaseten implements AutoCloseable {
  private static final List<String> DEPLOYMENTS =
      Collections.unmodifiableList(java.util.Arrays.asList("development", "production"));

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final AtomicLong requestIds = new AtomicLong();
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();

  private LocalBaseten(HttpServer server, ExecutorService executor, String apiKey) {
    this.server = server;
    this.executor = executor;
    this.apiKey = apiKey;
  }

  /**
   * Starts a fake on 127.0.0.1 on a free port, with a random API key.
   *
   * @return the running fake; close it to stop it
   * @throws UncheckedIOException if no port can be bound
   */
  public static LocalBaseten start() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    StringBuilder key = new StringBuilder("local-");
    for (byte b : random) {
      key.append(String.format("%02x", b & 0xff));
    }
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("LocalBaseten could not bind 127.0.0.1", e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "LocalBaseten-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    LocalBaseten local = new LocalBaseten(server, executor, key.toString());
    server.setExecutor(executor);
    server.createContext("/", local::handle);
    server.start();
    return local;
  }

  /**
   * The API key this fake accepts.
   *
   * @return a random key, different for every fake
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * The base URL to give {@code BasetenClient.Builder.baseUrl}.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Adds a model with a development and a production deployment, each with Baseten's default
   * settings for a new deployment: 0..1 replicas, a 60 s window, a 900 s scale-down delay, a
   * concurrency target of 1, 70 % target utilization, and a scale-down rate of 50 %.
   *
   * @param modelId the model's id
   * @throws IllegalArgumentException if the model was already added, or the id is blank
   */
  public synchronized void addModel(String modelId) {
    Objects.requireNonNull(modelId, "modelId == null");
    if (modelId.trim().isEmpty()) {
      throw new IllegalArgumentException("modelId must not be blank");
    }
    for (String deployment : DEPLOYMENTS) {
      if (deployments.containsKey(key(modelId, deployment))) {
        throw new IllegalArgumentException("model already added: " + modelId);
      }
    }
    for (String deployment : DEPLOYMENTS) {
      deployments.put(key(modelId, deployment), new Deployment());
    }
  }

  /**
   * The settings a deployment holds now; values queued while it is busy are not included.
   *
   * @param modelId the model's id
   * @param deployment {@code "development"} or {@code "production"}
   * @return the settings in force
   * @throws IllegalArgumentException if the model was not added or the deployment is unknown
   */
  public synchronized AutoscalingSettings autoscalingSettings(String modelId, String deployment) {
    Map<String, @Nullable Integer> s = deployment(modelId, deployment).settings;
    AutoscalingSettings.Builder builder =
        AutoscalingSettings.builder()
            .minReplica(value(s, "min_replica"))
            .maxReplica(value(s, "max_replica"))
            .concurrencyTarget(value(s, "concurrency_target"));
    Integer window = s.get("autoscaling_window");
    if (window != null) {
      builder.autoscalingWindow(Duration.ofSeconds(window));
    }
    Integer delay = s.get("scale_down_delay");
    if (delay != null) {
      builder.scaleDownDelay(Duration.ofSeconds(delay));
    }
    Integer utilization = s.get("target_utilization_percentage");
    if (utilization != null) {
      builder.targetUtilizationPercentage(utilization);
    }
    Integer tokens = s.get("target_in_flight_tokens");
    if (tokens != null) {
      builder.targetInFlightTokens(tokens);
    }
    Integer rate = s.get("max_scale_down_rate");
    if (rate != null) {
      builder.maxScaleDownRate(rate);
    }
    return builder.build();
  }

  /**
   * Marks a deployment busy, as while it builds: updates are answered {@code QUEUED} and held until
   * it is marked not busy, when they apply.
   *
   * @param modelId the model's id
   * @param deployment {@code "development"} or {@code "production"}
   * @param busy true to queue updates, false to apply queued ones and accept updates again
   * @throws IllegalArgumentException if the model was not added or the deployment is unknown
   */
  public synchronized void setBusy(String modelId, String deployment, boolean busy) {
    Deployment d = deployment(modelId, deployment);
    d.busy = busy;
    if (!busy) {
      d.settings.putAll(d.pending);
      d.pending.clear();
    }
  }

  /**
   * Every request this fake has answered, oldest first.
   *
   * @return a copy; later requests do not change it
   */
  public synchronized List<RecordedRequest> requests() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  /** Stops the server at once and releases its port and threads. Safe to call more than once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LocalBaseten{" + baseUrl() + "}";
  }

  private static String key(String modelId, String deployment) {
    return modelId + "\u0000" + deployment;
  }

  private static int value(Map<String, @Nullable Integer> settings, String field) {
    return Objects.requireNonNull(settings.get(field), field);
  }

  private Deployment deployment(String modelId, String deployment) {
    Objects.requireNonNull(modelId, "modelId == null");
    Objects.requireNonNull(deployment, "deployment == null");
    if (!DEPLOYMENTS.contains(deployment)) {
      throw new IllegalArgumentException(
          "deployment must be \"development\" or \"production\": " + deployment);
    }
    Deployment d = deployments.get(key(modelId, deployment));
    if (d == null) {
      throw new IllegalArgumentException("no such model: " + modelId + "; call addModel first");
    }
    return d;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = readAll(exchange.getRequestBody());
      String text = new String(body, StandardCharsets.UTF_8);
      Answer answer;
      synchronized (this) {
        requests.add(
            new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                headers(exchange),
                text));
        answer = answer(exchange, text);
      }
      byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-request-id", "local-" + requestIds.incrementAndGet());
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(answer.status, head ? -1 : out.length);
      if (!head) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private Answer answer(HttpExchange exchange, String body) {
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return Answer.error(401, "Invalid or missing API key");
    }
    List<String> segments = segments(exchange.getRequestURI().getRawPath());
    if (segments.size() != 6
        || !segments.get(0).equals("v1")
        || !segments.get(1).equals("models")
        || !segments.get(3).equals("deployments")
        || !DEPLOYMENTS.contains(segments.get(4))
        || !segments.get(5).equals("autoscaling_settings")) {
      return Answer.error(404, "Not found: " + exchange.getRequestURI().getRawPath());
    }
    if (!exchange.getRequestMethod().equals("PATCH")) {
      exchange.getResponseHeaders().set("Allow", "PATCH");
      return Answer.error(405, "Method not allowed: " + exchange.getRequestMethod());
    }
    Deployment deployment = deployments.get(key(segments.get(2), segments.get(4)));
    if (deployment == null) {
      return Answer.error(404, "Model " + segments.get(2) + " not found");
    }
    return update(deployment, segments.get(4), body);
  }

  private boolean authorized(@Nullable String authorization) {
    if (authorization == null) {
      return false;
    }
    return authorization.equals("Api-Key " + apiKey) || authorization.equals("Bearer " + apiKey);
  }

  // fields() keeps the Jackson floor low; its replacement, properties(), needs Jackson 2.15.
  @SuppressWarnings("deprecation")
  private static Answer update(Deployment deployment, String name, String body) {
    JsonNode root = Json.parseOrNull(body);
    if (root == null || !root.isObject()) {
      return Answer.error(400, "Request body must be a JSON object");
    }
    Map<String, Integer> sent = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Range range = Range.of(field.getKey());
      if (range == null) {
        return Answer.error(400, "Unknown field: " + field.getKey());
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        return Answer.error(400, field.getKey() + " must be an integer: " + value);
      }
      int v = value.intValue();
      if (v < range.min || v > range.max) {
        return Answer.error(400, field.getKey() + " must be " + range + ": " + v);
      }
      sent.put(field.getKey(), v);
    }
    Map<String, @Nullable Integer> target = new LinkedHashMap<>(deployment.settings);
    target.putAll(deployment.pending);
    boolean changes = false;
    for (Map.Entry<String, Integer> e : sent.entrySet()) {
      changes |= !e.getValue().equals(target.get(e.getKey()));
    }
    target.putAll(sent);
    int min = value(target, "min_replica");
    int max = value(target, "max_replica");
    if (min > max) {
      return Answer.error(400, "min_replica must be <= max_replica: " + min + " > " + max);
    }
    if (!changes) {
      return Answer.status("UNCHANGED", "The " + name + " deployment already has these settings.");
    }
    if (deployment.busy) {
      deployment.pending.putAll(sent);
      return Answer.status(
          "QUEUED", "The " + name + " deployment is busy; the update will apply when it is ready.");
    }
    deployment.settings.putAll(sent);
    return Answer.status(
        "ACCEPTED", "Autoscaling settings of the " + name + " deployment updated.");
  }

  /** Splits a raw path into percent-decoded segments. */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String raw : rawPath.substring(1).split("/", -1)) {
      out.add(percentDecode(raw));
    }
    return out;
  }

  /** Decodes {@code %XX} escapes as UTF-8; the JDK server has already refused malformed ones. */
  private static String percentDecode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '%' && i + 2 < utf8.length) {
        int hi = Character.digit(utf8[i + 1], 16);
        int lo = Character.digit(utf8[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      bytes.write(utf8[i]);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      out.put(
          e.getKey().toLowerCase(Locale.ROOT),
          Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    return Collections.unmodifiableMap(out);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static final class Deployment {
    final Map<String, @Nullable Integer> settings = new LinkedHashMap<>();
    final Map<String, Integer> pending = new LinkedHashMap<>();
    boolean busy;

    Deployment() {
      settings.put("min_replica", 0);
      settings.put("max_replica", 1);
      settings.put("autoscaling_window", 60);
      settings.put("scale_down_delay", 900);
      settings.put("concurrency_target", 1);
      settings.put("target_utilization_percentage", 70);
      settings.put("target_in_flight_tokens", null);
      settings.put("max_scale_down_rate", 50);
    }
  }

  /** The documented range of each field the update accepts. */
  private enum Range {
    MIN_REPLICA("min_replica", 0, Integer.MAX_VALUE),
    MAX_REPLICA("max_replica", 1, 10),
    AUTOSCALING_WINDOW("autoscaling_window", 10, 3600),
    SCALE_DOWN_DELAY("scale_down_delay", 0, 3600),
    CONCURRENCY_TARGET("concurrency_target", 1, Integer.MAX_VALUE),
    TARGET_UTILIZATION_PERCENTAGE("target_utilization_percentage", 1, 100),
    TARGET_IN_FLIGHT_TOKENS("target_in_flight_tokens", 1, Integer.MAX_VALUE),
    MAX_SCALE_DOWN_RATE("max_scale_down_rate", 1, 50);

    final String field;
    final int min;
    final int max;

    Range(String field, int min, int max) {
      this.field = field;
      this.min = min;
      this.max = max;
    }

    static @Nullable Range of(String field) {
      for (Range range : values()) {
        if (range.field.equals(field)) {
          return range;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return max == Integer.MAX_VALUE ? ">= " + min : "within " + min + ".." + max;
    }
  }

  private static final class Answer {
    final int status;
    final String body;

    private Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }

    static Answer error(int status, String message) {
      ObjectNode node = Json.objectNode().put("message", message);
      return new Answer(status, node.toString());
    }

    static Answer status(String status, String message) {
      ObjectNode node = Json.objectNode().put("status", status).put("message", message);
      return new Answer(200, node.toString());
    }
  }

  /** A request the fake received, for assertions. Its {@code toString()} hides the key. */
  public static final class RecordedRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final String body;

    RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
    }

    /**
     * The request method, such as {@code PATCH}.
     *
     * @return the method
     */
    public String method() {
      return method;
    }

    /**
     * The path as sent, still percent-encoded, such as {@code
     * /v1/models/abc/deployments/development/autoscaling_settings}.
     *
     * @return the raw path
     */
    public String path() {
      return path;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or null if the header was not sent
     */
    public @Nullable String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Every header, with names in lower case.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the body, empty if none was sent
     */
    public String body() {
      return body;
    }

    @Override
    public String toString() {
      return method + " " + path + " " + body;
    }
  }
}
