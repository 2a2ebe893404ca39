package io.leakproof.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;

/** Finds the JDBC driver for a URL, and creates vendor DataSources by class name. */
public final class Drivers {

  private Drivers() {}

  /**
   * Finds the driver that will open connections for a URL.
   *
   * @param url the JDBC URL
   * @param driverClassName a driver class to use, or null to ask {@link DriverManager}
   * @return the driver
   * @throws IllegalArgumentException if the class cannot be loaded or instantiated, is not a
   *     Driver, or (without a class name) no registered driver accepts the URL
   * @throws IllegalStateException if the named driver does not accept the URL
   */
  public static Driver resolve(String url, String driverClassName) {
    String masked = Secrets.maskUrl(url);
    if (driverClassName == null) {
      try {
        return DriverManager.getDriver(url);
      } catch (SQLException e) {
        throw new IllegalArgumentException(
            "jdbcUrl must be accepted by a JDBC driver on the class path but was '"
                + masked
                + "': no registered driver accepts it. Check the URL's prefix (jdbc:postgresql:,"
                + " jdbc:mariadb:, jdbc:h2:...), add the driver's jar, or set driverClassName.",
            e);
      }
    }
    Object instance = instantiate(driverClassName, Driver.class, "driverClassName");
    Driver driver = (Driver) instance;
    boolean accepts;
    try {
      accepts = driver.acceptsURL(url);
    } catch (SQLException e) {
      accepts = false;
    }
    if (!accepts) {
      throw new IllegalStateException(
          "Conflicting data source settings: driverClassName ("
              + driverClassName
              + ") does not accept jdbcUrl ("
              + masked
              + ")");
    }
    return driver;
  }

  /**
   * Creates a vendor DataSource by class name and applies properties through its setters.
   *
   * @param className the DataSource class
   * @param properties bean properties: {@code serverName} is applied with {@code setServerName}
   * @return the DataSource
   * @throws IllegalArgumentException if the class cannot be used or a property has no setter
   */
  public static DataSource instantiateDataSource(String className, Properties properties) {
    DataSource ds =
        (DataSource) instantiate(className, DataSource.class, "dataSourceClassName");
    for (String name : properties.stringPropertyNames()) {
      setBeanProperty(ds, name, properties.getProperty(name));
    }
    return ds;
  }

  private static void setBeanProperty(Object bean, String name, String value) {
    String setter = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (Method m : bean.getClass().getMethods()) {
      if (!m.getName().equals(setter) || m.getParameterCount() != 1) {
        continue;
      }
      Object arg = convert(m.getParameterTypes()[0], value);
      if (arg == null) {
        continue;
      }
      try {
        m.invoke(bean, arg);
        return;
      } catch (IllegalAccessException | InvocationTargetException e) {
        Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
        throw new IllegalArgumentException(
            "driverProperty "
                + name
                + " must be accepted by "
                + bean.getClass().getName()
                + "."
                + setter
                + " but was "
                + (Secrets.isSecretName(name) ? Secrets.MASK : "'" + value + "'")
                + " ("
                + cause
                + ")",
            e);
      }
    }
    throw new IllegalArgumentException(
        "driverProperty "
            + name
            + " must have a setter "
            + setter
            + "(String|int|long|boolean) on "
            + bean.getClass().getName()
            + " but it has none");
  }

  private static Object convert(Class<?> type, String value) {
    try {
      if (type == String.class) {
        return value;
      }
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(value.trim());
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(value.trim());
      }
      if (type == boolean.class || type == Boolean.class) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static Object instantiate(String className, Class<?> type, String property) {
    Class<?> c;
    try {
      c = load(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          property
              + " must name a "
              + type.getName()
              + " on the class path but was '"
              + className
              + "' ("
              + e
              + ")",
          e);
    }
    if (!type.isAssignableFrom(c)) {
      throw new IllegalArgumentException(
          property + " must name a " + type.getName() + " but was '" + className
              + "', which is not one");
    }
    try {
      return c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalArgumentException(
          property + " must name a class with a public no-argument constructor but was '"
              + className + "' (" + cause + ")",
          e);
    }
  }

  private static Class<?> load(String className) throws ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        return Class.forName(className, true, context);
      } catch (ClassNotFoundException e) {
        // fall through to this module's loader
      }
    }
    return Class.forName(className, true, Drivers.class.getClassLoader());
  }
}
