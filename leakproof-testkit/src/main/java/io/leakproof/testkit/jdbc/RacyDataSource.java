package io.leakproof.testkit.jdbc;

import io.leakproof.testkit.RacyPool;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC {@link DataSource} over a {@link RacyPool}: the mgo limit race (check, unlock, connect,
 * count) against a real database, so that a test of a server-enforced limit shows it catches a pool
 * that overshoots. {@code close()} on a lent connection gives it back (once); every other call goes
 * to the real connection. Test code: the connection proxy is {@link Proxy}, fine off a measured
 * path.
 */
public final class RacyDataSource implements DataSource {
  /** Bounds concurrent connects by default, so that the overshoot cannot exhaust a shared server. */
  public static final int DEFAULT_CONNECT_GATE = 16;

  private final RacyPool<Connection> pool;
  private final Duration acquireTimeout;

  /**
   * Creates a racy data source.
   *
   * @param url the JDBC URL, connected through {@link DriverManager}
   * @param props the connection properties (user, password, …)
   * @param max the limit the pool checks and fails to keep
   * @param acquireTimeout how long {@code getConnection()} waits when the check fails
   * @param connectGate how many connects may run at once, 0 for no bound
   * @throws IllegalArgumentException if max is below 1 or connectGate negative
   */
  public RacyDataSource(
      String url, Properties props, int max, Duration acquireTimeout, int connectGate) {
    Properties copy = new Properties();
    copy.putAll(props);
    this.pool =
        new RacyPool<>(
            max,
            connectGate,
            () -> DriverManager.getConnection(url, copy),
            RacyDataSource::closeQuietly);
    this.acquireTimeout = acquireTimeout;
  }

  /**
   * Creates a racy data source that waits up to 30 s and runs at most {@link
   * #DEFAULT_CONNECT_GATE} connects at once.
   *
   * @param url the JDBC URL
   * @param props the connection properties
   * @param max the limit the pool checks and fails to keep
   */
  public RacyDataSource(String url, Properties props, int max) {
    this(url, props, max, Duration.ofSeconds(30), DEFAULT_CONNECT_GATE);
  }

  /**
   * Returns the racy pool underneath, for its counters.
   *
   * @return the pool
   */
  public RacyPool<Connection> pool() {
    return pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return lend(pool.borrow(acquireTimeout));
    } catch (TimeoutException e) {
      throw new SQLTimeoutException(e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException(e);
    }
  }

  private Connection lend(Connection real) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    pool.giveBack(real);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0];
                }
                default -> {
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  /** Closes every idle connection. */
  public void closeAll() {
    pool.closeIdle();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // best effort
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the racy data source takes its user from props");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
