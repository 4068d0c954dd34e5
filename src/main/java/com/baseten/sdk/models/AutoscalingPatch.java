package com.baseten.sdk.models;

import com.baseten.sdk.internal.ValueStyle;
import com.baseten.sdk.internal.WholeSecondsSerializer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to a deployment's autoscaling settings: only the fields that are set are sent, and only
 * those are changed.
 *
 * <pre>{@code
 * AutoscalingPatch patch = AutoscalingPatch.builder()
 *     .minReplica(0)
 *     .maxReplica(7)
 *     .scaleDownDelay(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * <p>An unset field never appears in the request, not even as {@code null}, so the server keeps its
 * current value; {@code minReplica(0)} is set and is sent. An empty patch sends {@code {}}. The API
 * offers no way to reset a field to its default: set the default value explicitly.
 *
 * <p>{@link Builder#build()} rejects values that can never be valid (a negative replica count, a
 * fractional second, a scale-down rate outside 1..50) with an {@link IllegalArgumentException} that
 * names the field, the value and the rule, before anything is sent. Limits that Baseten documents
 * but may change, such as the 10..3600 second autoscaling window or the replica cap of 10, are left
 * to the server, which answers with a {@link com.baseten.sdk.errors.BadRequestException} when a
 * value is outside them.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
@ValueStyle
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonSerialize(as = AutoscalingPatch.class)
@JsonPropertyOrder({
  "min_replica",
  "max_replica",
  "autoscaling_window",
  "scale_down_delay",
  "concurrency_target",
  "target_utilization_percentage",
  "target_in_flight_tokens",
  "max_scale_down_rate"
})
public abstract class AutoscalingPatch {
  /** The largest whole number of seconds a duration may have: {@value}. */
  static final long MAX_SECONDS = Integer.MAX_VALUE;

  AutoscalingPatch() {}

  /**
   * Returns a builder for a patch with no fields set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts with the fields of this patch, for an edited copy.
   *
   * @return a new builder holding this patch's fields
   */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Fewest replicas; {@code 0} lets the deployment scale to zero. Must be {@code >= 0} and not
   * above {@link #maxReplica()}. Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("min_replica")
  public abstract OptionalInt minReplica();

  /**
   * Most replicas. Must be {@code >= 1}; Baseten caps it at 10 unless support raises the limit,
   * which the server enforces. Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("max_replica")
  public abstract OptionalInt maxReplica();

  /**
   * Time over which traffic is averaged for each scaling decision, sent as whole seconds. Baseten
   * documents 10 s to 3600 s (1 hour), which the server enforces. Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("autoscaling_window")
  @JsonSerialize(contentUsing = WholeSecondsSerializer.class)
  public abstract Optional<Duration> autoscalingWindow();

  /**
   * Time to wait after traffic drops before removing replicas, sent as whole seconds. Baseten
   * documents 0 s to 3600 s (1 hour), which the server enforces. Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("scale_down_delay")
  @JsonSerialize(contentUsing = WholeSecondsSerializer.class)
  public abstract Optional<Duration> scaleDownDelay();

  /**
   * In-flight requests per replica before the deployment scales up. Must be {@code >= 1}. Unset
   * keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("concurrency_target")
  public abstract OptionalInt concurrencyTarget();

  /**
   * Headroom, in percent: the deployment scales up at {@code concurrencyTarget} times this
   * percentage. Must be {@code >= 1}; Baseten documents 1..100, which the server enforces. Unset
   * keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("target_utilization_percentage")
  public abstract OptionalInt targetUtilizationPercentage();

  /**
   * Token-based scaling target for LLM engines (early access at Baseten). Must be {@code >= 1}.
   * Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("target_in_flight_tokens")
  public abstract OptionalInt targetInFlightTokens();

  /**
   * Most replicas removed in one scale-down step, in percent of the current count. Must be within
   * 1..50, the range the API's schema declares. Unset keeps the current value.
   *
   * @return the value to send, or empty to keep the current one
   */
  @JsonProperty("max_scale_down_rate")
  public abstract OptionalInt maxScaleDownRate();

  /**
   * Returns true if no field is set, so that the patch sends {@code {}}.
   *
   * @return whether every field is unset
   */
  public boolean isEmpty() {
    return !minReplica().isPresent()
        && !maxReplica().isPresent()
        && !autoscalingWindow().isPresent()
        && !scaleDownDelay().isPresent()
        && !concurrencyTarget().isPresent()
        && !targetUtilizationPercentage().isPresent()
        && !targetInFlightTokens().isPresent()
        && !maxScaleDownRate().isPresent();
  }

  /** Checks the rules that no server could accept; called by {@link Builder#build()}. */
  void validate() {
    atLeast("minReplica", minReplica(), 0);
    atLeast("maxReplica", maxReplica(), 1);
    if (minReplica().isPresent()
        && maxReplica().isPresent()
        && minReplica().getAsInt() > maxReplica().getAsInt()) {
      throw new IllegalArgumentException(
          "minReplica > maxReplica: " + minReplica().getAsInt() + " > " + maxReplica().getAsInt());
    }
    wholeSeconds("autoscalingWindow", autoscalingWindow());
    wholeSeconds("scaleDownDelay", scaleDownDelay());
    atLeast("concurrencyTarget", concurrencyTarget(), 1);
    atLeast("targetUtilizationPercentage", targetUtilizationPercentage(), 1);
    atLeast("targetInFlightTokens", targetInFlightTokens(), 1);
    if (maxScaleDownRate().isPresent()) {
      int rate = maxScaleDownRate().getAsInt();
      if (rate < 1 || rate > 50) {
        throw new IllegalArgumentException("maxScaleDownRate must be within 1..50: " + rate);
      }
    }
  }

  private static void atLeast(String field, OptionalInt value, int minimum) {
    if (value.isPresent() && value.getAsInt() < minimum) {
      throw new IllegalArgumentException(
          field + " must be >= " + minimum + ": " + value.getAsInt());
    }
  }

  private static void wholeSeconds(String field, Optional<Duration> value) {
    if (!value.isPresent()) {
      return;
    }
    Duration duration = value.get();
    if (duration.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative: " + duration);
    }
    if (duration.getNano() != 0) {
      throw new IllegalArgumentException(field + " must be whole seconds: " + duration);
    }
    if (duration.getSeconds() > MAX_SECONDS) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_SECONDS + " seconds: " + duration);
    }
  }

  /**
   * Builds an {@link AutoscalingPatch}. Each setter sets one field; a field that is never set is
   * not sent. Setters reject {@code null}; builders are not thread-safe.
   */
  public static final class Builder extends ImmutableAutoscalingPatch.Builder {
    Builder() {}

    /**
     * Returns the patch, after checking the rules that no server could accept.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule, such as {@code
     *     minReplica > maxReplica: 3 > 2}
     */
    @Override
    public AutoscalingPatch build() {
      AutoscalingPatch patch = super.build();
      patch.validate();
      return patch;
    }
  }
}
