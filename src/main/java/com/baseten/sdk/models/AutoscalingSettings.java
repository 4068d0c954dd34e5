package com.baseten.sdk.models;

import com.baseten.sdk.internal.ValueStyle;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The autoscaling settings in force on a deployment, as the server reports them.
 *
 * <p>The replica bounds and the concurrency target are always present; the other fields may be
 * absent, as they are on the wire.
 */
@ValueStyle
public abstract class AutoscalingSettings {
  AutoscalingSettings() {}

  /**
   * Returns a builder, for tests and fakes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts with the fields of this value, for an edited copy.
   *
   * @return a new builder holding this value's fields
   */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Fewest replicas; {@code 0} means the deployment may scale to zero.
   *
   * @return the minimum replica count
   */
  public abstract int minReplica();

  /**
   * Most replicas.
   *
   * @return the maximum replica count
   */
  public abstract int maxReplica();

  /**
   * In-flight requests per replica before the deployment scales up.
   *
   * @return the concurrency target
   */
  public abstract int concurrencyTarget();

  /**
   * Time over which traffic is averaged for each scaling decision.
   *
   * @return the window, in whole seconds, if the server reported one
   */
  public abstract Optional<Duration> autoscalingWindow();

  /**
   * Time to wait after traffic drops before removing replicas.
   *
   * @return the delay, in whole seconds, if the server reported one
   */
  public abstract Optional<Duration> scaleDownDelay();

  /**
   * Headroom, in percent, applied to the concurrency target.
   *
   * @return the percentage, if the server reported one
   */
  public abstract OptionalInt targetUtilizationPercentage();

  /**
   * Token-based scaling target for LLM engines.
   *
   * @return the target, if the server reported one
   */
  public abstract OptionalInt targetInFlightTokens();

  /**
   * Most replicas removed in one scale-down step, in percent.
   *
   * @return the rate, if the server reported one
   */
  public abstract OptionalInt maxScaleDownRate();

  /** Builds {@link AutoscalingSettings}; the replica bounds and concurrency target are required. */
  public static final class Builder extends ImmutableAutoscalingSettings.Builder {
    Builder() {}
  }
}
