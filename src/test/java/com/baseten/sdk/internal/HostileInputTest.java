package com.baseten.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.baseten.sdk.models.AutoscalingPatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over generated input: every patch either fails {@code build()} or sends exactly
 * what was set, and every model id either fails before any request or reaches the server as one
 * path segment that decodes back to it. Each generator is seeded, so a failing case repeats.
 */
class HostileInputTest {
  private static final int CASES = 1000;
  private static final ObjectMapper PLAIN_JSON = new ObjectMapper();
  private static final List<String> PATH_BEFORE_ID = List.of("v1", "models");
  private static final List<String> PATH_AFTER_ID =
      List.of("deployments", "development", "autoscaling_settings");

  /** Builds requests for the production base URL; it never sends anything. */
  private static final ClientOptions PRODUCTION = transport("https://api.baseten.co");

  private static MockWebServer server;
  private static BasetenClientImpl client;

  @BeforeAll
  static void startServer() {
    server = TestServers.start();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return TestServers.accepted();
          }
        });
    client =
        new BasetenClientImpl(
            ClientOptions.builder()
                .apiKey("test-key")
                .baseUrl(TestServers.baseUrl(server))
                .maxRetries(0)
                .build());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  /** One field of a patch: its wire name, its builder setter, and the rule no server accepts. */
  enum Field {
    MIN_REPLICA("min_replica", "minReplica"),
    MAX_REPLICA("max_replica", "maxReplica"),
    AUTOSCALING_WINDOW("autoscaling_window", "autoscalingWindow"),
    SCALE_DOWN_DELAY("scale_down_delay", "scaleDownDelay"),
    CONCURRENCY_TARGET("concurrency_target", "concurrencyTarget"),
    TARGET_UTILIZATION_PERCENTAGE("target_utilization_percentage", "targetUtilizationPercentage"),
    TARGET_IN_FLIGHT_TOKENS("target_in_flight_tokens", "targetInFlightTokens"),
    MAX_SCALE_DOWN_RATE("max_scale_down_rate", "maxScaleDownRate");

    final String wire;
    final String java;

    Field(String wire, String java) {
      this.wire = wire;
      this.java = java;
    }

    boolean isDuration() {
      return this == AUTOSCALING_WINDOW || this == SCALE_DOWN_DELAY;
    }

    /** Whether {@code value} on its own can never be valid for this field. */
    boolean rejects(Object value) {
      if (isDuration()) {
        Duration d = (Duration) value;
        return d.isNegative() || d.getNano() != 0 || d.getSeconds() > Integer.MAX_VALUE;
      }
      int v = (Integer) value;
      switch (this) {
        case MIN_REPLICA:
          return v < 0;
        case MAX_SCALE_DOWN_RATE:
          return v < 1 || v > 50;
        default:
          return v < 1;
      }
    }

    void set(AutoscalingPatch.Builder builder, Object value) {
      switch (this) {
        case MIN_REPLICA:
          builder.minReplica((Integer) value);
          break;
        case MAX_REPLICA:
          builder.maxReplica((Integer) value);
          break;
        case AUTOSCALING_WINDOW:
          builder.autoscalingWindow((Duration) value);
          break;
        case SCALE_DOWN_DELAY:
          builder.scaleDownDelay((Duration) value);
          break;
        case CONCURRENCY_TARGET:
          builder.concurrencyTarget((Integer) value);
          break;
        case TARGET_UTILIZATION_PERCENTAGE:
          builder.targetUtilizationPercentage((Integer) value);
          break;
        case TARGET_IN_FLIGHT_TOKENS:
          builder.targetInFlightTokens((Integer) value);
          break;
        case MAX_SCALE_DOWN_RATE:
          builder.maxScaleDownRate((Integer) value);
          break;
      }
    }
  }

  /** A generated patch: the fields set, in order, with their values. */
  record PatchCase(int index, Map<Field, Object> values) {
    /** The fields whose rules the values break; empty if the patch is valid. */
    Set<String> broken() {
      Set<String> broken = new TreeSet<>();
      values.forEach(
          (field, value) -> {
            if (field.rejects(value)) {
              broken.add(field.java);
            }
          });
      Object min = values.get(Field.MIN_REPLICA);
      Object max = values.get(Field.MAX_REPLICA);
      if (min != null && max != null && (Integer) min > (Integer) max) {
        broken.add("minReplica > maxReplica");
      }
      return broken;
    }

    @Override
    public String toString() {
      return "#" + index + " " + values;
    }
  }

  static Stream<PatchCase> patches() {
    Random random = new Random(0x5EED_0001L);
    return IntStream.range(0, CASES).mapToObj(i -> randomPatch(i, random));
  }

  private static PatchCase randomPatch(int index, Random random) {
    Map<Field, Object> values = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      if (random.nextInt(100) < 45) {
        continue;
      }
      values.put(field, field.isDuration() ? randomDuration(random) : randomInt(field, random));
    }
    return new PatchCase(index, values);
  }

  private static int randomInt(Field field, Random random) {
    int roll = random.nextInt(100);
    if (roll < 75) {
      // Mostly plausible values, so that many patches are valid.
      return field == Field.MIN_REPLICA ? random.nextInt(6) : 1 + random.nextInt(50);
    }
    if (roll < 90) {
      int[] edges = {Integer.MIN_VALUE, -1, 0, 1, 49, 50, 51, 100, 101, Integer.MAX_VALUE};
      return edges[random.nextInt(edges.length)];
    }
    return random.nextInt();
  }

  private static Duration randomDuration(Random random) {
    int roll = random.nextInt(100);
    if (roll < 70) {
      return Duration.ofSeconds(random.nextInt(4000));
    }
    if (roll < 78) {
      return Duration.ofMillis(random.nextInt(4_000_000) - 1_000_000);
    }
    if (roll < 90) {
      Duration[] edges = {
        Duration.ZERO,
        Duration.ofNanos(1),
        Duration.ofNanos(-1),
        Duration.ofSeconds(-1),
        Duration.ofSeconds(Integer.MAX_VALUE),
        Duration.ofSeconds(Integer.MAX_VALUE + 1L),
        Duration.ofSeconds(Long.MAX_VALUE),
        Duration.ofSeconds(Long.MIN_VALUE),
        Duration.ofSeconds(3600, 500_000_000)
      };
      return edges[random.nextInt(edges.length)];
    }
    return Duration.ofSeconds(
        random.nextLong() >> random.nextInt(64),
        random.nextInt(2) == 0 ? 0 : random.nextInt(1_000_000_000));
  }

  @ParameterizedTest(name = "patch {0}")
  @MethodSource("patches")
  void patchEitherFailsBuildOrSendsExactlyTheFieldsSet(PatchCase patchCase) throws Exception {
    AutoscalingPatch.Builder builder = AutoscalingPatch.builder();
    patchCase.values().forEach((field, value) -> field.set(builder, value));
    Set<String> broken = patchCase.broken();

    if (!broken.isEmpty()) {
      Throwable thrown = catchThrowable(builder::build);
      assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(broken).anySatisfy(rule -> assertThat(thrown.getMessage()).startsWith(rule));
      return;
    }
    AutoscalingPatch patch = builder.build();
    JsonNode sent = PLAIN_JSON.readTree(Json.write(patch));

    assertThat(sent.isObject()).isTrue();
    List<String> keys = new ArrayList<>();
    sent.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrderElementsOf(
            patchCase.values().keySet().stream().map(f -> f.wire).toList());
    patchCase
        .values()
        .forEach(
            (field, value) -> {
              JsonNode node = sent.get(field.wire);
              assertThat(node.isIntegralNumber()).as(field.wire).isTrue();
              long expected =
                  field.isDuration() ? ((Duration) value).getSeconds() : (long) (Integer) value;
              assertThat(node.longValue()).as(field.wire).isEqualTo(expected);
            });
    assertThat(patch.isEmpty()).isEqualTo(patchCase.values().isEmpty());
    assertThat(patch.toBuilder().build()).isEqualTo(patch);
  }

  @Test
  void generatedPatchesCoverBothValidAndInvalid() {
    long valid = patches().filter(p -> p.broken().isEmpty()).count();
    assertThat(valid).isBetween(200L, 800L);
  }

  private static final String[] PIECES = {
    "a",
    "Z",
    "9",
    "-",
    "_",
    "abc123",
    "/",
    "%",
    "%2F",
    "%2e",
    "%00",
    ".",
    "..",
    "../",
    " ",
    "  ",
    "?",
    "#",
    "+",
    ";",
    "&",
    "=",
    "\\",
    "\"",
    "'",
    "<",
    ">",
    "~",
    ":",
    "@",
    "[",
    "]",
    "{",
    "}",
    "|",
    "^",
    "`",
    "\u0000",
    "\t",
    "\n",
    "\r",
    "\u001f",
    "\u007f",
    "\u0085",
    "\u00a0",
    "\u00e9",
    "\u00df",
    "\u4e2d",
    "\u2028",
    "\u200b",
    "\ufeff",
    "\uffff",
    "\ud83d\ude00",
    "\ud835\udd18",
    "\udbff\udfff"
  };

  private static final String[] WHOLE_IDS = {
    "",
    " ",
    "\t",
    "\n \r",
    ".",
    "..",
    "...",
    " .. ",
    ". ",
    "%2e%2e",
    "%2E",
    "a/../b",
    "./",
    "/",
    "//",
    "%",
    "%%",
    "%zz",
    "abc123",
    "\u00a0",
    "\u3000",
    "\ud83d\ude00"
  };

  /** A generated model id; null stands for a missing id. */
  record IdCase(int index, @Nullable String id) {
    @Override
    public String toString() {
      return "#" + index + " " + (id == null ? "null" : escape(id));
    }
  }

  static Stream<IdCase> modelIds() {
    return randomIds(0x5EED_0002L, CASES);
  }

  static Stream<IdCase> modelIdsForTheServer() {
    return randomIds(0x5EED_0003L, 150);
  }

  private static Stream<IdCase> randomIds(long seed, int count) {
    Random random = new Random(seed);
    return IntStream.range(0, count).mapToObj(i -> new IdCase(i, randomId(i, random)));
  }

  private static @Nullable String randomId(int index, Random random) {
    if (index == 0) {
      return null;
    }
    if (index <= WHOLE_IDS.length) {
      return WHOLE_IDS[index - 1];
    }
    StringBuilder id = new StringBuilder();
    int pieces = random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(10) == 0) {
        // Any code point outside the surrogate range, as one or two chars.
        int codePoint;
        do {
          codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
        } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        id.appendCodePoint(codePoint);
      } else {
        id.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return id.toString();
  }

  @ParameterizedTest(name = "model id {0}")
  @MethodSource("modelIds")
  void modelIdFailsFastOrBecomesExactlyOnePathSegment(IdCase idCase) {
    String id = idCase.id();

    Throwable thrown = catchThrowable(() -> ApiRequest.pathParam("modelId", id));
    if (thrown != null) {
      assertThat(thrown)
          .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
      assertThat(thrown.getMessage()).startsWith("modelId ").doesNotContain("\n", "\r", "\u0000");
      assertThat(isRefused(id))
          .as("only a missing, blank (Unicode spaces too), \".\" or \"..\" id is refused")
          .isTrue();
      return;
    }
    Request request =
        Attempts.toHttpRequest(
            PRODUCTION,
            ApiRequest.patch(pathAround(id), new byte[] {'{', '}'}),
            java.util.Map.of());

    assertSinglePathSegment(request.url().encodedPath(), id);
    // What goes on the wire must read back the same when parsed again.
    assertThat(HttpUrl.get(request.url().toString()).pathSegments())
        .containsExactlyElementsOf(pathWith(id));
  }

  @ParameterizedTest(name = "model id {0}")
  @MethodSource("modelIdsForTheServer")
  void modelIdSentToARealServerArrivesIntact(IdCase idCase) throws Exception {
    String id = idCase.id();
    int before = server.getRequestCount();
    AutoscalingPatch patch = AutoscalingPatch.builder().maxReplica(1).build();

    Throwable thrown =
        catchThrowable(() -> client.deployments().development().updateAutoscaling(id, patch));

    if (thrown != null) {
      assertThat(thrown)
          .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
      assertThat(server.getRequestCount()).as("no request for a refused id").isEqualTo(before);
      return;
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertSinglePathSegment(request.getTarget(), id);
  }

  @Test
  void pathPrefixOfTheBaseUrlIsKeptBeforeTheModelSegment() {
    Request request =
        Attempts.toHttpRequest(
            transport("http://127.0.0.1:8080/proxy/"),
            ApiRequest.patch(pathAround("a/b c"), new byte[] {'{', '}'}),
            java.util.Map.of());

    assertThat(request.url().encodedPath())
        .isEqualTo("/proxy/v1/models/a%2Fb%20c/deployments/development/autoscaling_settings");
  }

  @Test
  void modelIdWithALoneSurrogateFailsFast() {
    AutoscalingPatch patch = AutoscalingPatch.builder().maxReplica(1).build();
    int before = server.getRequestCount();

    assertThatThrownBy(
            () -> client.deployments().development().updateAutoscaling("a\ud800b", patch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId has an unpaired surrogate at index 1: \"a\\ud800b\"");
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  @Test
  void generatedIdsCoverAcceptedAndRefusedIds() {
    long refused = modelIds().filter(c -> isRefused(c.id())).count();
    assertThat(refused).isBetween(20L, 300L);
  }

  /** The ids the SDK documents as refused before any request. */
  private static boolean isRefused(@Nullable String id) {
    return id == null
        || id.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))
        || id.equals(".")
        || id.equals("..");
  }

  private static void assertSinglePathSegment(String encodedPath, String id) {
    assertThat(encodedPath).doesNotContain("?", "#");
    assertThat(encodedPath.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
    List<String> segments = Arrays.asList(encodedPath.substring(1).split("/", -1));
    assertThat(segments).hasSize(PATH_BEFORE_ID.size() + 1 + PATH_AFTER_ID.size());
    assertThat(segments.subList(0, 2)).isEqualTo(PATH_BEFORE_ID);
    assertThat(segments.subList(3, segments.size())).isEqualTo(PATH_AFTER_ID);
    assertThat(percentDecode(segments.get(2))).isEqualTo(id);
  }

  private static List<String> pathAround(String id) {
    List<String> path = new ArrayList<>(List.of("models", id));
    path.addAll(PATH_AFTER_ID);
    return path;
  }

  private static List<String> pathWith(String id) {
    List<String> path = new ArrayList<>(PATH_BEFORE_ID);
    path.add(id);
    path.addAll(PATH_AFTER_ID);
    return path;
  }

  private static ClientOptions transport(String baseUrl) {
    return ClientOptions.builder().apiKey("test-key").baseUrl(baseUrl).build();
  }

  /** Strict RFC 3986 decoding: %XX to bytes, then UTF-8 that must be well formed. */
  private static String percentDecode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        assertThat(i + 2).as("%% escape in %s", segment).isLessThan(segment.length());
        bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        assertThat(c).as("unescaped character in %s", segment).isNotIn('/', '?', '#', ' ');
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("segment is not UTF-8: " + segment, e);
    }
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (Iterator<Integer> it = value.codePoints().iterator(); it.hasNext(); ) {
      int c = it.next();
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append((char) c);
      } else {
        out.append(String.format("\\u{%x}", c));
      }
    }
    return out.append('"').toString();
  }
}
