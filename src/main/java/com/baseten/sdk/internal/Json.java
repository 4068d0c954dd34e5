package com.baseten.sdk.internal;

import com.baseten.sdk.errors.BasetenInvalidResponseException;
import com.baseten.sdk.models.AutoscalingPatch;
import com.baseten.sdk.models.AutoscalingUpdate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.jspecify.annotations.Nullable;

/** The SDK's one JSON mapper, and the decoding of each answer. */
public final class Json {
  /** Shared, thread-safe, and configured once: models carry their wire names as annotations. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          // Public accessors of public types need no setAccessible, which the module path forbids.
          .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
          // Only properties spelled out with @JsonProperty are written: no accidental getters.
          .disable(MapperFeature.AUTO_DETECT_GETTERS, MapperFeature.AUTO_DETECT_IS_GETTERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** Returns a new, empty JSON object node. */
  public static ObjectNode objectNode() {
    return MAPPER.createObjectNode();
  }

  /** Serializes a patch to the request body: exactly the fields that are set. */
  public static byte[] write(AutoscalingPatch patch) {
    try {
      return MAPPER.writerFor(AutoscalingPatch.class).writeValueAsBytes(patch);
    } catch (JsonProcessingException e) {
      // Integers and durations cannot fail to serialize; anything else is a bug in the SDK.
      throw new IllegalStateException("could not serialize " + patch, e);
    }
  }

  /** Parses text as a JSON tree, or returns null if it is not JSON. */
  public static @Nullable JsonNode parseOrNull(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Decodes {@code {"status": "...", "message": "..."}}, ignoring fields it does not know. */
  public static AutoscalingUpdate readAutoscalingUpdate(Exchange exchange, String body) {
    JsonNode root = parseObject(exchange, body);
    return AutoscalingUpdate.builder()
        .rawStatus(requiredText(exchange, root, "status", body))
        .message(requiredText(exchange, root, "message", body))
        .build();
  }

  private static JsonNode parseObject(Exchange exchange, String body) {
    if (body.trim().isEmpty()) {
      throw invalid(exchange, "the body is empty", body, null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid(exchange, "the body is not JSON", body, e);
    }
    if (root == null || !root.isObject()) {
      throw invalid(exchange, "the body is not a JSON object", body, null);
    }
    return root;
  }

  private static String requiredText(Exchange exchange, JsonNode root, String field, String body) {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual()) {
      throw invalid(exchange, "the body has no string \"" + field + "\"", body, null);
    }
    return value.asText();
  }

  private static BasetenInvalidResponseException invalid(
      Exchange exchange, String problem, String body, @Nullable Throwable cause) {
    String excerpt = Text.excerpt(body, 200);
    return new BasetenInvalidResponseException(
        exchange.describe()
            + " -> "
            + exchange.statusLine()
            + ", but "
            + problem
            + (excerpt.isEmpty() ? "" : ": " + excerpt),
        cause);
  }
}
