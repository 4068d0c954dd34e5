package com.baseten.sdk.internal;

import com.fasterxml.jackson.core.Version;

/**
 * Fails fast, with a message that says what to do, when the class path holds a Jackson older than
 * the SDK supports; otherwise the first call would fail with a bare {@code NoSuchMethodError}.
 */
public final class JacksonVersion {
  /** The oldest jackson-databind the SDK is tested against (the {@code jackson-floor} profile). */
  static final int MIN_MAJOR = 2;

  static final int MIN_MINOR = 10;

  private JacksonVersion() {}

  /** Checks the jackson-databind and jackson-datatype-jdk8 on the class path. */
  static void checkClassPath() {
    check("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
    check("jackson-datatype-jdk8", com.fasterxml.jackson.datatype.jdk8.PackageVersion.VERSION);
  }

  /**
   * Throws if {@code version} is older than the floor.
   *
   * @throws IllegalStateException naming the artifact, the version found and the version needed
   */
  static void check(String artifact, Version version) {
    if (version.getMajorVersion() == MIN_MAJOR && version.getMinorVersion() >= MIN_MINOR) {
      return;
    }
    throw new IllegalStateException(
        "baseten-java needs Jackson "
            + MIN_MAJOR
            + "."
            + MIN_MINOR
            + " or newer (2.x), but "
            + artifact
            + " "
            + version
            + " is on the class path: align every com.fasterxml.jackson artifact to one 2.x"
            + " version, for example with the jackson-bom (see the README's Dependencies section)");
  }
}
