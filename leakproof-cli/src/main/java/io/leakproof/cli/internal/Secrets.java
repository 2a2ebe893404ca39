package io.leakproof.cli.internal;

import java.util.regex.Pattern;

/**
 * Keeps passwords off the command line and out of messages (docs/design.md promise 6).
 */
public final class Secrets {
  /** {@code password=...} in a query string or a semicolon-separated property list. */
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|pwd|passwd)=)[^&;]*");

  /** {@code //user:password@host} in a URL authority. */
  private static final Pattern USERINFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

  private Secrets() {}

  /**
   * Masks the credentials a JDBC URL may carry.
   *
   * @param url the URL, or null
   * @return the URL with every password replaced by {@code ***}
   */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USERINFO.matcher(masked).replaceAll("$1***@");
  }

  /**
   * Reads a password from the environment variable the user named.
   *
   * @param variable the variable's name, or null for no password
   * @return the password, or null when no variable was named
   * @throws CliException if the variable is not set
   */
  public static String passwordFromEnv(String variable) {
    if (variable == null || variable.isEmpty()) {
      return null;
    }
    String value = System.getenv(variable);
    if (value == null) {
      throw new CliException(
          "--password-env names the environment variable "
              + variable
              + ", which is not set. Export it first, e.g. read -rs "
              + variable
              + " && export "
              + variable);
    }
    return value;
  }
}
