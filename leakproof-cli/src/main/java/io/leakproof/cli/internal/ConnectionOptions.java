package io.leakproof.cli.internal;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The database connection options every command that talks to a database shares, as a picocli
 * {@code @Mixin}: {@code --url} (alias {@code --jdbc-url}, the name {@code demo} used before),
 * {@code --user} and {@code --password-env}. A command adds it with {@code @Mixin
 * ConnectionOptions connection;} and reads {@link #url()}, {@link #user()} and {@link
 * #password()}; the password is only ever read from the environment (DESIGN.md promise 6).
 */
public final class ConnectionOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"--url", "--jdbc-url"},
      paramLabel = "URL",
      description = "JDBC URL of the database (--jdbc-url is the same option).")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "Database user.")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "Read the database password from this environment variable (never pass it on the"
              + " command line).")
  String passwordEnv;

  /** Created by picocli. */
  public ConnectionOptions() {}

  /**
   * Returns the URL given, or null.
   *
   * @return the JDBC URL
   */
  public String url() {
    return url;
  }

  /**
   * Returns the user given, or null for the driver's default.
   *
   * @return the user
   */
  public String user() {
    return user;
  }

  /**
   * Returns whether a URL was given.
   *
   * @return whether {@code --url} was given
   */
  public boolean hasUrl() {
    return url != null;
  }

  /**
   * Checks that a JDBC URL was given.
   *
   * @throws ParameterException if it was not, or it does not start with {@code jdbc:}
   */
  public void requireJdbcUrl() {
    if (url == null) {
      throw new ParameterException(mixee.commandLine(), "Missing required option: '--url=URL'");
    }
    if (!url.startsWith("jdbc:")) {
      throw new ParameterException(
          mixee.commandLine(),
          "--url must be a JDBC URL (jdbc:...) but was " + Secrets.maskUrl(url));
    }
  }

  /**
   * Checks that {@code --user} and {@code --password-env} come only with {@code --url}.
   *
   * @throws ParameterException if one is given without a URL
   */
  public void requireUrlForCredentials() {
    if (url == null && (user != null || passwordEnv != null)) {
      throw new ParameterException(mixee.commandLine(), "--user and --password-env need --url");
    }
  }

  /**
   * Reads the password from the variable {@code --password-env} names.
   *
   * @return the password, or null when no variable was named
   * @throws CliException if the variable is not set
   */
  public String password() {
    return Secrets.passwordFromEnv(passwordEnv);
  }
}
