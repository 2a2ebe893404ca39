package io.leakproof.cli.internal;

import java.io.Serial;

/**
 * A failure the user can act on (a database that does not answer, a process that cannot be read):
 * the command prints {@code leakproof <command>: <message>} and exits with {@link #exitCode()}.
 * Never carries a password: messages mask JDBC URLs with {@link Secrets#maskUrl(String)}.
 */
public final class CliException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** Exit code of a run-time failure (picocli uses 2 for bad usage). */
  public static final int FAILURE = 1;

  private final int exitCode;

  /**
   * Creates the exception with exit code {@link #FAILURE}.
   *
   * @param message what went wrong and what to do about it
   */
  public CliException(String message) {
    this(message, FAILURE);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do about it
   * @param exitCode the process exit code
   */
  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Returns the exit code. */
  public int exitCode() {
    return exitCode;
  }
}
