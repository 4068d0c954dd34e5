package com.baseten.sdk.models;

import com.baseten.sdk.internal.ValueStyle;
import java.util.Objects;

/**
 * The server's answer to an autoscaling update: a {@link Status} and a message for people.
 *
 * <pre>{@code
 * AutoscalingUpdate result = client.deployments().development().updateAutoscaling("abc123", patch);
 * switch (result.status()) {
 *   case ACCEPTED:  // the new settings will be applied
 *   case QUEUED:    // applied later, once the deployment can take them
 *   case UNCHANGED: // the settings already had these values
 *   case UNKNOWN:   // a status this version of the SDK does not know; see rawStatus()
 * }
 * }</pre>
 *
 * <p>Changes apply asynchronously: re-read the deployment to see the settings in force.
 */
@ValueStyle
public abstract class AutoscalingUpdate {
  AutoscalingUpdate() {}

  /**
   * Returns a builder, for tests and fakes that need a result without a server.
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
   * The status as this SDK understands it; {@link Status#UNKNOWN} for a value it does not know.
   *
   * @return the status, never null
   */
  public Status status() {
    return Status.fromWire(rawStatus());
  }

  /**
   * The status string exactly as the server sent it, such as {@code "ACCEPTED"}.
   *
   * @return the raw status
   */
  public abstract String rawStatus();

  /**
   * The server's message about the update, meant for people.
   *
   * @return the message, possibly empty
   */
  public abstract String message();

  /** The outcome of an autoscaling update. */
  public enum Status {
    /** The server accepted the new settings and will apply them. */
    ACCEPTED,
    /** The server queued the new settings until the deployment can take them. */
    QUEUED,
    /** The settings already had the values sent; nothing changes. */
    UNCHANGED,
    /** A status this version of the SDK does not know; {@link #rawStatus()} holds it. */
    UNKNOWN;

    /**
     * Returns the status named by a wire value, or {@link #UNKNOWN}.
     *
     * @param raw the status string the server sent
     * @return the matching status, or {@code UNKNOWN} when none matches exactly
     */
    public static Status fromWire(String raw) {
      Objects.requireNonNull(raw, "raw == null");
      for (Status status : values()) {
        if (status != UNKNOWN && status.name().equals(raw)) {
          return status;
        }
      }
      return UNKNOWN;
    }
  }

  /** Builds an {@link AutoscalingUpdate}; both fields are required. */
  public static final class Builder extends ImmutableAutoscalingUpdate.Builder {
    Builder() {}

    /**
     * Sets the raw status to the name of {@code status}.
     *
     * @param status the status to report
     * @return this builder
     */
    public Builder status(Status status) {
      Objects.requireNonNull(status, "status == null");
      rawStatus(status.name());
      return this;
    }
  }
}
