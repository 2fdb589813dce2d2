package dev.weft.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging in code: a rolling log file in Weft's log folder (10 MB per file, a week of
 * history, 100 MB at most) and, with {@code --verbose}, debug output on the terminal.
 */
public final class Logging {
  private static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

  private Logging() {}

  /** Logs to {@code logDir/weft.log}; returns the file. Falls back to stderr if it cannot write. */
  public static Path configure(Path logDir) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    Path file = logDir.resolve("weft.log");
    try {
      Files.createDirectories(logDir);
      RollingFileAppender<ILoggingEvent> fileAppender = new RollingFileAppender<>();
      fileAppender.setContext(ctx);
      fileAppender.setName("file");
      fileAppender.setFile(file.toString());
      SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
      policy.setContext(ctx);
      policy.setParent(fileAppender);
      policy.setFileNamePattern(logDir.resolve("weft.%d{yyyy-MM-dd}.%i.log.gz").toString());
      policy.setMaxFileSize(FileSize.valueOf("10MB"));
      policy.setMaxHistory(7);
      policy.setTotalSizeCap(FileSize.valueOf("100MB"));
      policy.start();
      fileAppender.setRollingPolicy(policy);
      fileAppender.setEncoder(encoder(ctx));
      fileAppender.start();
      root.addAppender(fileAppender);
    } catch (IOException | RuntimeException e) {
      ConsoleAppender<ILoggingEvent> console = console(ctx, "fallback");
      root.addAppender(console);
      root.warn(
          "cannot write the log file {}; logging to the terminal instead: {}", file, e.toString());
    }
    // Chatty libraries: their warnings still reach the file.
    ctx.getLogger("ai.djl").setLevel(Level.WARN);
    ctx.getLogger("org.bytedeco").setLevel(Level.WARN);
    return file;
  }

  /** With {@code true}, debug logging also goes to the terminal (stderr). */
  public static void setVerbose(boolean verbose) {
    if (!verbose) {
      return;
    }
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("terminal") == null) {
      root.addAppender(console(ctx, "terminal"));
    }
    root.setLevel(Level.DEBUG);
    ctx.getLogger("dev.weft").setLevel(Level.DEBUG);
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, String name) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName(name);
    console.setTarget("System.err");
    console.setEncoder(encoder(ctx));
    console.start();
    return console;
  }

  private static PatternLayoutEncoder encoder(LoggerContext ctx) {
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern(PATTERN);
    enc.start();
    return enc;
  }
}
