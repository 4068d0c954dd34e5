package com.baseten.sdk.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The SDK logs through {@code java.util.logging}, the channel OkHttp itself uses, under {@code
 * com.baseten.sdk.*}, and installs no handler of its own unless asked: what is printed is the
 * application's logging configuration (the JDK's default prints WARNING, so retries, to stderr).
 * For scripts, {@code BASETEN_LOG=info} or {@code BASETEN_LOG=debug} installs a one-line stderr
 * handler.
 */
public final class Logging {
  /** The parent of every logger the SDK uses. */
  public static final String ROOT = "com.baseten.sdk";

  /** The environment variable that turns on stderr logging for scripts. */
  public static final String VARIABLE = "BASETEN_LOG";

  private static final AtomicBoolean CONFIGURED = new AtomicBoolean();

  // Held so that the configured logger is not garbage-collected, which would drop its settings.
  private static final Logger ROOT_LOGGER = Logger.getLogger(ROOT);

  private Logging() {}

  /** Applies {@code BASETEN_LOG} once per JVM; later calls do nothing. */
  static void configureFromEnvironment() {
    if (CONFIGURED.compareAndSet(false, true)) {
      configure(System.getenv(VARIABLE));
    }
  }

  /**
   * Installs a stderr handler on the SDK's root logger for {@code info} or {@code debug}; any other
   * value, or none, leaves logging to the application.
   *
   * @return the level set, or null if nothing was changed
   */
  static @Nullable Level configure(@Nullable String value) {
    if (value == null) {
      return null;
    }
    Level level;
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "info":
        level = Level.INFO;
        break;
      case "debug":
        level = Level.FINE;
        break;
      default:
        return null;
    }
    Logger logger = ROOT_LOGGER;
    Handler handler = new ConsoleHandler();
    handler.setLevel(level);
    handler.setFormatter(new OneLine());
    logger.addHandler(handler);
    logger.setLevel(level);
    logger.setUseParentHandlers(false);
    return level;
  }

  /** {@code baseten WARNING com.baseten.sdk.http: message}, one line per record. */
  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord record) {
      return "baseten "
          + record.getLevel().getName()
          + " "
          + record.getLoggerName()
          + ": "
          + formatMessage(record)
          + System.lineSeparator();
    }
  }
}
