package io.leakproof.jdbc.internal;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything a person or a log can read: JDBC URLs, driver properties and
 * exception messages.
 */
public final class Secrets {

  /** What a masked secret looks like. */
  public static final String MASK = "****";

  /**
   * URL parameters whose name says they carry a secret: {@code password=}, {@code sslpassword=},
   * {@code trustStorePassword=}, {@code pwd=}, {@code secret=}, {@code token=}..., in query strings
   * ({@code ?a=b&c=d}), semicolon lists ({@code ;a=b;c=d}, H2, SQL Server) and MariaDB/MySQL
   * address lists ({@code (key=value)}).
   */
  private static final Pattern URL_PARAM =
      Pattern.compile(
          "(?i)([?&;(,]\\s*[a-z0-9._-]*(?:password|passwd|pwd|secret|token|credential)[a-z0-9._-]*\\s*=)"
              + "([^&;),]*)");

  /** {@code //user:password@host} in an authority. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):([^@/?;]*)@");

  /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
  private static final Pattern ORACLE_USER_PASS =
      Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]*)/([^@]*)@");

  private Secrets() {}

  /**
   * Masks the credentials a JDBC URL may carry.
   *
   * @param url the URL, or null
   * @return the URL with every password replaced by {@value #MASK}
   */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String s = URL_PARAM.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    s = USER_INFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
    return ORACLE_USER_PASS
        .matcher(s)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "/" + MASK + "@"));
  }

  /**
   * Returns whether a property name says its value is a secret.
   *
   * @param name the property name
   * @return whether to mask its value
   */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password")
        || n.contains("passwd")
        || n.equals("pwd")
        || n.contains("secret")
        || n.contains("token")
        || n.contains("credential");
  }

  /**
   * Renders driver properties with secret values masked, sorted by name.
   *
   * @param props the properties
   * @return {@code {name=value, secretName=****}}
   */
  public static String maskProperties(Properties props) {
    Map<String, String> sorted = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      sorted.put(name, isSecretName(name) ? MASK : maskUrl(props.getProperty(name)));
    }
    return sorted.toString();
  }

  /**
   * Masks a known secret and URL credentials in a message.
   *
   * @param message the message, or null
   * @param secret the password to hide, or null
   * @return the masked message
   */
  public static String maskMessage(String message, String secret) {
    if (message == null) {
      return null;
    }
    String m = message;
    if (secret != null && !secret.isEmpty()) {
      m = m.replace(secret, MASK);
    }
    return maskUrl(m);
  }

  /**
   * Returns the throwable itself if no message in its chain shows the secret or URL credentials;
   * otherwise an equivalent chain whose messages are masked (SQLExceptions keep their SQLState and
   * vendor code; other throwables become {@link ScrubbedException}s naming the original class).
   * Stack traces are kept.
   *
   * @param t the throwable
   * @param secret the password to hide, or null
   * @return a throwable safe to show
   */
  public static Throwable scrub(Throwable t, String secret) {
    if (t == null || !leaks(t, secret)) {
      return t;
    }
    return copy(t, secret, new IdentityHashMap<>());
  }

  private static boolean leaks(Throwable t, String secret) {
    IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      String msg = c.getMessage();
      if (msg != null && !msg.equals(maskMessage(msg, secret))) {
        return true;
      }
      if (c instanceof SQLException s && s.getNextException() != null
          && leaks(s.getNextException(), secret)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("ReferenceEquality") // a cause chain is walked by identity
  private static Throwable copy(
      Throwable t, String secret, IdentityHashMap<Throwable, Throwable> done) {
    Throwable existing = done.get(t);
    if (existing != null) {
      return existing;
    }
    String msg = maskMessage(t.getMessage(), secret);
    Throwable c;
    if (t instanceof SQLException s) {
      SQLException sc = new SQLException(msg, s.getSQLState(), s.getErrorCode());
      done.put(t, sc);
      if (s.getNextException() != null) {
        sc.setNextException((SQLException) copy(s.getNextException(), secret, done));
      }
      c = sc;
    } else {
      c = new ScrubbedException(t.getClass().getName() + ": " + msg);
      done.put(t, c);
    }
    c.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      c.initCause(copy(cause, secret, done));
    }
    return c;
  }

  /** Stands in for a non-SQL exception whose message had to be masked. */
  public static final class ScrubbedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the stand-in.
     *
     * @param message the original class name and the masked message
     */
    public ScrubbedException(String message) {
      super(message);
    }
  }
}
