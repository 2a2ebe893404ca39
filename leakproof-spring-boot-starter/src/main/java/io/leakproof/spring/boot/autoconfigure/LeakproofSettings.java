package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.spring.boot.InvalidLeakproofSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Applies {@code spring.datasource.leakproof.*} to a {@link DataSourceConfig.Builder}. The names
 * are Leakproof's own settings ({@link DataSourceConfig#settingNames()}, the one table the
 * properties loader uses) in any of Spring's relaxed forms ({@code max-size}, {@code maxSize},
 * {@code SPRING_DATASOURCE_LEAKPROOF_MAXSIZE}), plus {@code driver.<name>} for driver properties.
 * Values are parsed and validated by the same loader as Leakproof's properties files.
 */
final class LeakproofSettings {

  /** The prefix of the pool settings in the Spring environment. */
  static final String PREFIX = "spring.datasource.leakproof";

  private static final String DRIVER = "driver.";

  /** Settings whose values are never echoed. */
  private static final List<String> SECRETS = List.of("password", "driverProperties");

  /** Relaxed form (lower case, no separators) to setting name. */
  private static final Map<String, String> BY_RELAXED_NAME = new HashMap<>();

  static {
    for (String name : DataSourceConfig.settingNames()) {
      BY_RELAXED_NAME.put(relaxed(name), name);
    }
  }

  private LeakproofSettings() {}

  /**
   * Applies every {@code spring.datasource.leakproof.*} property of the environment.
   *
   * @param environment the Spring environment
   * @param builder the settings to change
   * @throws InvalidLeakproofSettingException naming the property, value and rule of the first bad
   *     one (in name order)
   */
  static void apply(Environment environment, DataSourceConfig.Builder builder) {
    Map<String, String> bound =
        Binder.get(environment)
            .bind(PREFIX, Bindable.mapOf(String.class, String.class))
            .orElseGet(Map::of);
    for (Map.Entry<String, String> e : new TreeMap<>(bound).entrySet()) {
      String key = e.getKey();
      String property = PREFIX + "." + key;
      String name = settingName(key);
      if (name == null) {
        throw new InvalidLeakproofSettingException(
            property,
            "'" + e.getValue() + "'",
            "not a Leakproof setting. Settings: "
                + DataSourceConfig.settingNames().stream()
                    .map(LeakproofSettings::kebab)
                    .collect(Collectors.joining(", "))
                + ", and driver.<name> for driver properties",
            null);
      }
      Properties one = new Properties();
      one.setProperty(name, e.getValue() == null ? "" : e.getValue());
      try {
        builder.load(one);
      } catch (IllegalArgumentException bad) {
        String value = SECRETS.contains(name) || name.startsWith(DRIVER) ? "<masked>" : "'" + e.getValue() + "'";
        throw new InvalidLeakproofSettingException(property, value, rule(bad.getMessage()), bad);
      }
    }
  }

  /** Leakproof's message without the "(from key ... of properties)" suffix, which names our key. */
  private static String rule(String message) {
    int from = message.lastIndexOf(" (from key ");
    return from < 0 ? message : message.substring(0, from);
  }

  /** The Leakproof setting a relaxed key names, or null. */
  static String settingName(String key) {
    if (key.regionMatches(true, 0, DRIVER, 0, DRIVER.length()) && key.length() > DRIVER.length()) {
      return DRIVER + key.substring(DRIVER.length());
    }
    return BY_RELAXED_NAME.get(relaxed(key));
  }

  private static String relaxed(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Returns a setting's name in Spring's canonical kebab case: {@code maxSize} is
   * {@code max-size}.
   *
   * @param name the setting
   * @return the kebab-case name
   */
  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
