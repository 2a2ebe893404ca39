package io.leakproof.jdbc.internal;

import io.leakproof.jdbc.Credentials;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;

/** Opens physical connections: through a JDBC driver and URL, or through a vendor DataSource. */
abstract class Connector {

  /**
   * Opens one connection.
   *
   * @param credentials the user and password to use
   * @param timeout the creation deadline, for the driver's connect and login timeouts
   * @return the connection, never null
   * @throws SQLException if the driver fails
   */
  abstract Connection connect(Credentials credentials, Duration timeout) throws SQLException;

  /**
   * Describes the target without secrets.
   *
   * @return the masked URL or the DataSource class
   */
  abstract String target();

  /**
   * The share of the pool's creation deadline given to the driver's own connect and login
   * timeouts: the driver gives up a little before the pool does, so that callers see the driver's
   * specific error ("connect timed out" naming the host) rather than the pool's generic deadline.
   */
  static final double DRIVER_SHARE = 0.9;

  /** Seconds for drivers that count in seconds: at least 1 (0 means "no limit" to them). */
  static int ceilSeconds(Duration d) {
    long ms = d.toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
  }

  /** The driver's share of the deadline in milliseconds, at least 1. */
  static long driverMillis(Duration deadline) {
    return Math.max(1, (long) (deadline.toMillis() * DRIVER_SHARE));
  }

  /** The driver's share of the deadline in whole seconds (rounded down), at least 1. */
  static int driverSeconds(Duration deadline) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, driverMillis(deadline) / 1000));
  }

  /** Connects through a {@link Driver}. */
  static final class DriverConnector extends Connector {

    /** How a driver is told its connect and login timeouts. */
    enum TimeoutStyle {
      /** pgjdbc: {@code connectTimeout} (TCP) and {@code loginTimeout} (whole login), seconds. */
      POSTGRESQL,
      /** MariaDB Connector/J and MySQL Connector/J: {@code connectTimeout}, milliseconds. */
      MYSQL,
      /** Unknown driver: only the pool's creation deadline applies. */
      NONE;

      static TimeoutStyle forUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
          return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
          return MYSQL;
        }
        return NONE;
      }
    }

    private final Driver driver;
    private final String url;
    private final Properties driverProperties;
    private final TimeoutStyle style;

    DriverConnector(Driver driver, String url, Properties driverProperties) {
      this.driver = driver;
      this.url = url;
      this.driverProperties = driverProperties;
      this.style = TimeoutStyle.forUrl(url);
    }

    @Override
    Connection connect(Credentials credentials, Duration timeout) throws SQLException {
      Properties props = new Properties();
      for (String name : driverProperties.stringPropertyNames()) {
        props.setProperty(name, driverProperties.getProperty(name));
      }
      switch (style) {
        case POSTGRESQL -> {
          String s = Integer.toString(driverSeconds(timeout));
          props.putIfAbsent("connectTimeout", s);
          props.putIfAbsent("loginTimeout", s);
        }
        case MYSQL -> props.putIfAbsent("connectTimeout", Long.toString(driverMillis(timeout)));
        case NONE -> {}
      }
      if (credentials.username() != null) {
        props.setProperty("user", credentials.username());
      }
      if (credentials.password() != null) {
        props.setProperty("password", credentials.password());
      }
      Connection c = driver.connect(url, props);
      if (c == null) {
        throw new SQLException(
            "Driver " + driver.getClass().getName() + " does not accept " + target(), "08001");
      }
      return c;
    }

    @Override
    String target() {
      return Secrets.maskUrl(url);
    }
  }

  /** Connects through a vendor {@link DataSource}. */
  static final class DataSourceConnector extends Connector {
    private final DataSource dataSource;

    DataSourceConnector(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    Connection connect(Credentials credentials, Duration timeout) throws SQLException {
      Connection c =
          credentials.username() == null && credentials.password() == null
              ? dataSource.getConnection()
              : dataSource.getConnection(credentials.username(), credentials.password());
      if (c == null) {
        throw new SQLException(dataSource.getClass().getName() + ".getConnection returned null");
      }
      return c;
    }

    /** Sets the vendor DataSource's login timeout once, from the pool's creation deadline. */
    void applyLoginTimeout(Duration timeout) {
      try {
        dataSource.setLoginTimeout(driverSeconds(timeout));
      } catch (SQLException | UnsupportedOperationException e) {
        // Not every DataSource supports it; the pool's creation deadline still applies.
      }
    }

    @Override
    String target() {
      return dataSource.getClass().getName();
    }
  }
}
