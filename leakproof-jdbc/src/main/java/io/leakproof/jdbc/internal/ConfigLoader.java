package io.leakproof.jdbc.internal;

import io.leakproof.CallSiteCapture;
import io.leakproof.LeakReclaimPolicy;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.IsolationLevel;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies text settings (properties, properties files, {@code LEAKPROOF_*} environment variables)
 * to a {@link DataSourceConfig.Builder} through its ordinary setters, so that text and code are validated the same
 * way. Errors name the key or variable the value came from, never a secret value.
 */
public final class ConfigLoader {

  /** Prefix of environment variables. */
  public static final String ENV_PREFIX = "LEAKPROOF_";

  /** Prefix of driver-property keys in properties ({@code driver.sslmode=require}). */
  public static final String DRIVER_PREFIX = "driver.";

  /**
   * Edit distance up to which an unknown {@code LEAKPROOF_} variable is taken for a misspelt
   * setting (and rejected) rather than someone else's variable (and ignored): catches a dropped,
   * doubled or swapped letter without flagging unrelated names.
   */
  static final int TYPO_DISTANCE = 2;

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

  private record Setting(String name, boolean secret, BiConsumer<DataSourceConfig.Builder, String> apply) {}

  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  static {
    // Where and who.
    text("jdbcUrl", DataSourceConfig.Builder::jdbcUrl);
    text("driverClassName", DataSourceConfig.Builder::driverClassName);
    text("dataSourceClassName", DataSourceConfig.Builder::dataSourceClassName);
    text("username", DataSourceConfig.Builder::username);
    add("password", true, DataSourceConfig.Builder::password);
    add("passwordFile", false, (b, v) -> b.passwordFile(Path.of(v)));
    add("driverProperties", true, (b, v) -> applyDriverProperties(b, v));
    // What connections start with.
    add("autoCommit", false, (b, v) -> b.autoCommit(bool("autoCommit", v)));
    add("readOnly", false, (b, v) -> b.readOnly(bool("readOnly", v)));
    add("isolation", false, (b, v) -> b.isolation(isolation(v)));
    text("catalog", DataSourceConfig.Builder::catalog);
    text("schema", DataSourceConfig.Builder::schema);
    text("connectionInitSql", DataSourceConfig.Builder::connectionInitSql);
    duration("networkTimeout", DataSourceConfig.Builder::networkTimeout);
    duration("queryTimeout", DataSourceConfig.Builder::queryTimeout);
    // The engine.
    text("name", DataSourceConfig.Builder::name);
    integer("maxSize", DataSourceConfig.Builder::maxSize);
    integer("minIdle", DataSourceConfig.Builder::minIdle);
    duration("acquireTimeout", DataSourceConfig.Builder::acquireTimeout);
    duration("createTimeout", DataSourceConfig.Builder::createTimeout);
    duration("idleTimeout", DataSourceConfig.Builder::idleTimeout);
    duration("maxLifetime", DataSourceConfig.Builder::maxLifetime);
    add(
        "maxLifetimeJitter",
        false,
        (b, v) -> b.maxLifetimeJitter(number("maxLifetimeJitter", v)));
    duration("keepaliveTime", DataSourceConfig.Builder::keepaliveTime);
    duration("validateAfterIdle", DataSourceConfig.Builder::validateAfterIdle);
    duration("validationTimeout", DataSourceConfig.Builder::validationTimeout);
    integer("maxConnecting", DataSourceConfig.Builder::maxConnecting);
    integer("maxWaiting", DataSourceConfig.Builder::maxWaiting);
    add("detectAbandoned", false, (b, v) -> b.detectAbandoned(bool("detectAbandoned", v)));
    duration("leakWarningThreshold", DataSourceConfig.Builder::leakWarningThreshold);
    duration("maxHoldTime", DataSourceConfig.Builder::maxHoldTime);
    add(
        "leakReclaimPolicy",
        false,
        (b, v) -> b.leakReclaimPolicy(enumValue("leakReclaimPolicy", LeakReclaimPolicy.class, v)));
    add(
        "callSiteCapture",
        false,
        (b, v) -> b.callSiteCapture(enumValue("callSiteCapture", CallSiteCapture.class, v)));
    integer("callSiteSampleRate", DataSourceConfig.Builder::callSiteSampleRate);
    add(
        "captureStackTraces",
        false,
        (b, v) -> b.captureStackTraces(bool("captureStackTraces", v)));
    add(
        "skipCallSitePrefixes",
        false,
        (b, v) -> b.skipCallSitePrefixes(list(v).toArray(String[]::new)));
    integer("maxCallSites", DataSourceConfig.Builder::maxCallSites);
    duration("gcOnExhaustion", DataSourceConfig.Builder::gcOnExhaustion);
    duration("shutdownTimeout", DataSourceConfig.Builder::shutdownTimeout);
    duration("slowAcquireThreshold", DataSourceConfig.Builder::slowAcquireThreshold);
    add("logging", false, (b, v) -> b.logging(bool("logging", v)));
    add("jfr", false, (b, v) -> b.jfr(bool("jfr", v)));
  }

  private ConfigLoader() {}

  private static void add(String name, boolean secret, BiConsumer<DataSourceConfig.Builder, String> apply) {
    SETTINGS.put(name, new Setting(name, secret, apply));
  }

  private static void text(String name, BiConsumer<DataSourceConfig.Builder, String> apply) {
    add(name, false, apply);
  }

  private interface IntSetter {
    void set(DataSourceConfig.Builder b, int v);
  }

  private interface DurationSetter {
    void set(DataSourceConfig.Builder b, Duration v);
  }

  private static void integer(String name, IntSetter setter) {
    add(name, false, (b, v) -> setter.set(b, integer(name, v)));
  }

  private static void duration(String name, DurationSetter setter) {
    add(name, false, (b, v) -> setter.set(b, duration(name, v)));
  }

  /**
   * Returns every setting name that text sources accept, in documentation order.
   *
   * @return the names
   */
  public static List<String> settingNames() {
    return List.copyOf(SETTINGS.keySet());
  }

  /**
   * Returns the environment variable of a setting: {@code maxSize} is {@code LEAKPROOF_MAX_SIZE}.
   *
   * @param setting the setting name
   * @return the variable name
   */
  public static String envName(String setting) {
    return ENV_PREFIX + setting.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ sources

  /**
   * Applies properties, as {@link DataSourceConfig.Builder#load(Properties, String)} describes.
   *
   * @param b the builder
   * @param props the properties
   * @param prefix the key prefix
   */
  public static void applyProperties(DataSourceConfig.Builder b, Properties props, String prefix) {
    applyProperties(b, props, prefix, "properties");
  }

  /**
   * Applies properties; errors name {@code source}.
   *
   * @param b the builder
   * @param props the properties
   * @param prefix the key prefix
   * @param source where the properties came from, for messages
   */
  public static void applyProperties(DataSourceConfig.Builder b, Properties props, String prefix, String source) {
    Map<String, String> sorted = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        sorted.put(key, props.getProperty(key));
      }
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String key = e.getKey();
      String name = key.substring(prefix.length());
      String where = "key '" + key + "' of " + source;
      if (name.startsWith(DRIVER_PREFIX) && name.length() > DRIVER_PREFIX.length()) {
        String driverName = name.substring(DRIVER_PREFIX.length());
        apply(where, () -> b.driverProperty(driverName, e.getValue()));
        continue;
      }
      Setting s = SETTINGS.get(name);
      if (s == null) {
        String guess = closest(name);
        throw new IllegalArgumentException(
            "'"
                + key
                + "' in "
                + source
                + " is not a Leakproof setting"
                + (guess == null ? "" : "; did you mean '" + prefix + guess + "'?")
                + " Settings: "
                + String.join(", ", SETTINGS.keySet())
                + ", and driver.<name> for driver properties");
      }
      String value = e.getValue();
      apply(where, () -> s.apply().accept(b, s.secret() ? value : value.strip()));
    }
  }

  /**
   * Applies {@code LEAKPROOF_*} variables, as {@link DataSourceConfig.Builder#loadEnvironment()} describes.
   *
   * @param b the builder
   * @param env the variables
   */
  public static void applyEnvironment(DataSourceConfig.Builder b, Map<String, String> env) {
    Map<String, Setting> byEnv = new TreeMap<>();
    for (Setting s : SETTINGS.values()) {
      byEnv.put(envName(s.name()), s);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String var = e.getKey();
      if (!var.startsWith(ENV_PREFIX)) {
        continue;
      }
      Setting s = byEnv.get(var);
      if (s == null) {
        String guess = closest(var.substring(ENV_PREFIX.length()).replace("_", ""));
        if (guess != null) {
          throw new IllegalArgumentException(
              "Environment variable "
                  + var
                  + " is not a Leakproof setting; did you mean "
                  + envName(guess)
                  + "?");
        }
        continue; // someone else's variable
      }
      String value = e.getValue() == null ? "" : e.getValue();
      apply("environment variable " + var, () -> s.apply().accept(b, s.secret() ? value : value.strip()));
    }
  }

  private static void apply(String where, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (from " + where + ")", e);
    }
  }

  /** The setting whose name is the same ignoring case and underscores, or within the typo distance. */
  private static String closest(String name) {
    String n = name.replace("_", "").toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String s : SETTINGS.keySet()) {
      int d = distance(n, s.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return bestDistance <= TYPO_DISTANCE && n.length() > 2 * TYPO_DISTANCE ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Reads a properties file as UTF-8.
   *
   * @param file the file
   * @return the properties
   * @throws IllegalArgumentException if it cannot be read
   */
  public static Properties readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "file must be a readable properties file but was " + file + " (" + e + ")", e);
    }
    return p;
  }

  /**
   * Reads a password file, without its trailing line break.
   *
   * @param file the file
   * @return the password
   * @throws UncheckedIOException if it cannot be read (the message names the file only)
   */
  public static String readPasswordFile(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read passwordFile " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  // ------------------------------------------------------------------ value syntax

  /**
   * Parses a duration: a number with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h},
   * {@code 1d}, also {@code ns} and {@code us}), {@code 0}, or ISO-8601 ({@code PT30S}). A bare
   * number other than 0 is rejected: HikariCP counts milliseconds where others count seconds, and
   * guessing would silently turn 30 seconds into 30 milliseconds.
   *
   * @param property the setting, for the message
   * @param text the text
   * @return the duration
   * @throws IllegalArgumentException if the text is not a duration
   */
  public static Duration duration(String property, String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw badDuration(property, text, e);
      }
      return switch (m.group(2)) {
        case "ns" -> Duration.ofNanos(n);
        case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw badDuration(property, text, e);
      }
    }
    throw badDuration(property, text, null);
  }

  private static IllegalArgumentException badDuration(String property, String text, Exception e) {
    return new IllegalArgumentException(
        property
            + " must be a duration with a unit (250ms, 30s, 5m, 2h, 1d, PT30S, or 0) but was '"
            + text
            + "'",
        e);
  }

  private static int integer(String property, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          property + " must be a whole number but was '" + text + "'", e);
    }
  }

  private static double number(String property, String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be a number but was '" + text + "'", e);
    }
  }

  private static boolean bool(String property, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException(property + " must be true or false but was '" + text + "'");
  }

  private static <E extends Enum<E>> E enumValue(String property, Class<E> type, String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(t)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw new IllegalArgumentException(
        property + " must be one of " + names + " but was '" + text + "'");
  }

  private static IsolationLevel isolation(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.startsWith("TRANSACTION_")) {
      t = t.substring("TRANSACTION_".length());
    }
    return enumValue("isolation", IsolationLevel.class, t);
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",", -1)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code name=value;name=value}; values are never echoed in errors (they may be secrets). */
  private static void applyDriverProperties(DataSourceConfig.Builder b, String text) {
    String[] entries = text.split(";", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i];
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "driverProperties must be name=value pairs separated by ';' but entry "
                + (i + 1)
                + " has no name=value");
      }
      b.driverProperty(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
  }
}
