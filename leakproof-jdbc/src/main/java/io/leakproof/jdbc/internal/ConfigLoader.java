package io.leakproof.jdbc.internal;

import io.leakproof.CallSiteCapture;
import io.leakproof.LeakReclaimPolicy;
import io.leakproof.PoolConfig;
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

  /**
   * One text setting: its name, whether its value is a secret (never stripped or echoed), and how
   * it is applied to the builder. A HikariCP alias names the same setting under HikariCP's name.
   */
  private record Setting(String name, boolean secret, BiConsumer<DataSourceConfig.Builder, String> apply) {}

  /** The table of settings, in documentation order: the one place text names are defined. */
  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  /** HikariCP property names accepted in properties for the same setting. */
  private static final Map<String, Setting> HIKARI_ALIASES = new LinkedHashMap<>();

  /** HikariCP's prefix for driver properties ({@code dataSource.cachePrepStmts=true}). */
  private static final String HIKARI_DRIVER_PREFIX = "dataSource.";

  static {
    // Where and who: settings of DataSourceConfig itself.
    text("jdbcUrl", DataSourceConfig.Builder::jdbcUrl);
    text("driverClassName", DataSourceConfig.Builder::driverClassName);
    text("dataSourceClassName", DataSourceConfig.Builder::dataSourceClassName);
    text("username", DataSourceConfig.Builder::username);
    add("password", true, DataSourceConfig.Builder::password);
    add("passwordFile", false, (b, v) -> b.passwordFile(Path.of(v)));
    add("driverProperties", true, ConfigLoader::applyDriverProperties);
    // What connections start with.
    add("autoCommit", false, (b, v) -> b.autoCommit(bool("autoCommit", v)));
    add("readOnly", false, (b, v) -> b.readOnly(bool("readOnly", v)));
    add("isolation", false, (b, v) -> b.isolation(isolation(v)));
    text("catalog", DataSourceConfig.Builder::catalog);
    text("schema", DataSourceConfig.Builder::schema);
    text("connectionInitSql", DataSourceConfig.Builder::connectionInitSql);
    add("networkTimeout", false, (b, v) -> b.networkTimeout(duration("networkTimeout", v)));
    add("queryTimeout", false, (b, v) -> b.queryTimeout(duration("queryTimeout", v)));
    // The engine: settings of PoolConfig, applied through DataSourceConfig.Builder#pool.
    pool("name", (p, v) -> p.name(v.strip()));
    poolInt("maxSize", PoolConfig.Builder::maxSize);
    poolInt("minIdle", PoolConfig.Builder::minIdle);
    poolDuration("acquireTimeout", PoolConfig.Builder::acquireTimeout);
    poolDuration("createTimeout", PoolConfig.Builder::createTimeout);
    poolDuration("idleTimeout", PoolConfig.Builder::idleTimeout);
    poolDuration("maxLifetime", PoolConfig.Builder::maxLifetime);
    pool("maxLifetimeJitter", (p, v) -> p.maxLifetimeJitter(number("maxLifetimeJitter", v)));
    poolDuration("keepaliveTime", PoolConfig.Builder::keepaliveTime);
    poolDuration("validateAfterIdle", PoolConfig.Builder::validateAfterIdle);
    poolDuration("validationTimeout", PoolConfig.Builder::validationTimeout);
    poolInt("maxConnecting", PoolConfig.Builder::maxConnecting);
    poolInt("maxWaiting", PoolConfig.Builder::maxWaiting);
    pool("detectAbandoned", (p, v) -> p.detectAbandoned(bool("detectAbandoned", v)));
    poolDuration("leakWarningThreshold", PoolConfig.Builder::leakWarningThreshold);
    poolDuration("maxHoldTime", PoolConfig.Builder::maxHoldTime);
    pool(
        "leakReclaimPolicy",
        (p, v) -> p.leakReclaimPolicy(enumValue("leakReclaimPolicy", LeakReclaimPolicy.class, v)));
    pool(
        "callSiteCapture",
        (p, v) -> p.callSiteCapture(enumValue("callSiteCapture", CallSiteCapture.class, v)));
    poolInt("callSiteSampleRate", PoolConfig.Builder::callSiteSampleRate);
    pool("captureStackTraces", (p, v) -> p.captureStackTraces(bool("captureStackTraces", v)));
    pool("callSiteSkipPrefixes", (p, v) -> p.callSiteSkipPrefixes(list(v).toArray(String[]::new)));
    poolInt("maxCallSites", PoolConfig.Builder::maxCallSites);
    poolDuration("gcOnExhaustion", PoolConfig.Builder::gcOnExhaustion);
    poolDuration("shutdownTimeout", PoolConfig.Builder::shutdownTimeout);
    poolDuration("slowAcquireThreshold", PoolConfig.Builder::slowAcquireThreshold);
    pool("logging", (p, v) -> p.logging(bool("logging", v)));
    pool("jfr", (p, v) -> p.jfr(bool("jfr", v)));
    // HikariCP's names for the same settings. Its times count milliseconds, so a bare number
    // under a HikariCP name is taken as milliseconds (under our names it is rejected).
    alias("maximumPoolSize", "maxSize");
    alias("minimumIdle", "minIdle");
    alias("poolName", "name");
    alias("transactionIsolation", "isolation");
    millisAlias("connectionTimeout", "acquireTimeout", PoolConfig.Builder::acquireTimeout);
    millisAlias(
        "leakDetectionThreshold", "leakWarningThreshold", PoolConfig.Builder::leakWarningThreshold);
  }

  private ConfigLoader() {}

  private static void add(String name, boolean secret, BiConsumer<DataSourceConfig.Builder, String> apply) {
    SETTINGS.put(name, new Setting(name, secret, apply));
  }

  private static void text(String name, BiConsumer<DataSourceConfig.Builder, String> apply) {
    add(name, false, apply);
  }

  private static void pool(String name, BiConsumer<PoolConfig.Builder, String> apply) {
    add(name, false, (b, v) -> b.pool(p -> apply.accept(p, v)));
  }

  private interface IntSetter {
    void set(PoolConfig.Builder b, int v);
  }

  private interface DurationSetter {
    void set(PoolConfig.Builder b, Duration v);
  }

  private static void poolInt(String name, IntSetter setter) {
    pool(name, (p, v) -> setter.set(p, integer(name, v)));
  }

  private static void poolDuration(String name, DurationSetter setter) {
    pool(name, (p, v) -> setter.set(p, duration(name, v)));
  }

  private static void alias(String hikariName, String name) {
    HIKARI_ALIASES.put(hikariName, SETTINGS.get(name));
  }

  private static void millisAlias(String hikariName, String name, DurationSetter setter) {
    HIKARI_ALIASES.put(
        hikariName,
        new Setting(name, false, (b, v) -> b.pool(p -> setter.set(p, hikariDuration(hikariName, v)))));
  }

  /** A HikariCP time: a bare number is milliseconds (HikariCP's unit); units are accepted too. */
  private static Duration hikariDuration(String property, String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofMillis(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw badDuration(property, text, e);
      }
    }
    return duration(property, text);
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
   * Returns the HikariCP property names accepted in properties, each with the setting it sets.
   *
   * @return HikariCP name to Leakproof setting name
   */
  public static Map<String, String> hikariAliases() {
    Map<String, String> out = new LinkedHashMap<>();
    HIKARI_ALIASES.forEach((hikari, s) -> out.put(hikari, s.name()));
    return Collections.unmodifiableMap(out);
  }

  /** The driver property a key names ({@code driver.x}, or HikariCP's {@code dataSource.x}), or null. */
  private static String driverPropertyName(String key) {
    for (String prefix : List.of(DRIVER_PREFIX, HIKARI_DRIVER_PREFIX)) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        return key.substring(prefix.length());
      }
    }
    return null;
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
      String driverName = driverPropertyName(name);
      if (driverName != null) {
        apply(where, () -> b.driverProperty(driverName, e.getValue()));
        continue;
      }
      Setting s = SETTINGS.containsKey(name) ? SETTINGS.get(name) : HIKARI_ALIASES.get(name);
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
