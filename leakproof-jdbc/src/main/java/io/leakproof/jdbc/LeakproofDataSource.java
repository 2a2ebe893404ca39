package io.leakproof.jdbc;

import com.google.errorprone.annotations.MustBeClosed;
import io.leakproof.Pool;
import io.leakproof.jdbc.internal.JdbcPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections come from a Leakproof pool: the limit always holds,
 * waiters are served in order, and leaked connections are found and reclaimed instead of draining
 * the pool.
 *
 * <pre>{@code
 * DataSourceConfig config = DataSourceConfig.builder()
 *     .jdbcUrl("jdbc:postgresql://db.example.com/orders")
 *     .username("orders")
 *     .password(System.getenv("ORDERS_DB_PASSWORD"))
 *     .maxSize(20)
 *     .build();
 * try (LeakproofDataSource ds = LeakproofDataSource.open(config);
 *     Connection c = ds.getConnection();
 *     PreparedStatement ps = c.prepareStatement("select total from orders where id = ?")) {
 *   ps.setLong(1, 42);
 *   try (ResultSet rs = ps.executeQuery()) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Each {@link #getConnection()} returns a fresh wrapper that is also the pool's lease: closing
 * it closes its leftover statements and result sets (and reports them), rolls back an open
 * transaction, restores the attributes the borrower changed, and returns the physical connection.
 * After close, every call on it fails with "Connection is closed" (SQLState 08003). A connection
 * that is dropped without close (and whose statements and result sets are unreachable too) is
 * reported with its call site and its physical connection is closed and replaced.
 *
 * <p>{@code unwrap(Pool.class)}, or {@link #pool()}, gives the underlying {@link Pool} for
 * {@code stats()}, {@code dump()}, {@code softEvict()} and {@code resize()}. Borrow through
 * {@code getConnection()}, not through the pool: the pool's own leases carry the internal
 * connection holder, not a JDBC Connection.
 *
 * <p>Thread-safe.
 */
// @MustBeClosed is read by Error Prone, whose users have its annotations; the module does not
// re-export them, so that an application module compiles without them (as Pool in the core).
@SuppressWarnings("exports")
public final class LeakproofDataSource implements DataSource, AutoCloseable {

  private final JdbcPool engine;
  private volatile PrintWriter logWriter;

  private LeakproofDataSource(JdbcPool engine) {
    this.engine = engine;
  }

  /**
   * Opens a data source. Creating the first minIdle connections starts in the background; this
   * method does not wait for them, and does not fail when the database is unreachable (the first
   * {@link #getConnection()} reports why within its acquire timeout).
   *
   * @param config the configuration
   * @return the open data source
   * @throws NullPointerException if config is null
   */
  public static LeakproofDataSource open(DataSourceConfig config) {
    Objects.requireNonNull(config, "config");
    return new LeakproofDataSource(JdbcPool.open(config));
  }

  /**
   * Opens a data source configured by {@code LEAKPROOF_*} environment variables only
   * ({@code LEAKPROOF_JDBC_URL}, {@code LEAKPROOF_USERNAME}, {@code LEAKPROOF_PASSWORD},
   * {@code LEAKPROOF_MAX_SIZE}...).
   *
   * @return the open data source
   * @throws IllegalArgumentException if a variable's value is invalid
   * @throws IllegalStateException if the variables conflict or LEAKPROOF_JDBC_URL is missing
   */
  public static LeakproofDataSource fromEnvironment() {
    return open(DataSourceConfig.builder().loadEnvironment().build());
  }

  /**
   * Borrows a connection, waiting up to the acquire timeout. Close it (try-with-resources) to
   * give it back.
   *
   * @return the connection
   * @throws java.sql.SQLTransientConnectionException if none became available in time (the
   *     message says who holds the pool and the last connection error; the cause is the pool's
   *     {@link io.leakproof.AcquireTimeoutException}), or too many callers are waiting
   * @throws java.sql.SQLNonTransientConnectionException if the data source is closed
   * @throws SQLException if the thread was interrupted while waiting (the interrupt flag stays
   *     set)
   */
  @Override
  @MustBeClosed
  public Connection getConnection() throws SQLException {
    return engine.getConnection();
  }

  /**
   * Not supported: a pool lends connections of its configured user only.
   *
   * @param username ignored
   * @param password ignored
   * @return never
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  @MustBeClosed
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "LeakproofDataSource lends connections of its configured user only; configure username"
            + " and password (or a credentials supplier) on DataSourceConfig, or open one data"
            + " source per user");
  }

  /**
   * Returns the underlying pool, for {@code stats()}, {@code dump()}, {@code callSiteStats()},
   * {@code softEvict()} and {@code resize()}.
   *
   * @return the pool
   */
  public Pool<?> pool() {
    return engine.pool();
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  public DataSourceConfig config() {
    return engine.config();
  }

  /**
   * Returns whether {@link #close()} has been called.
   *
   * @return whether the data source is closed
   */
  public boolean isClosed() {
    return engine.pool().isClosed();
  }

  /**
   * Closes the pool gracefully: new borrowers fail at once, idle connections are closed, and
   * connections still lent out are waited for up to the shutdown timeout, then reported and
   * closed. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Returns this data source, or its pool for {@code unwrap(Pool.class)}, or the configured vendor
   * DataSource.
   *
   * @param iface the interface wanted
   * @param <T> its type
   * @return the object
   * @throws SQLException if nothing here implements iface
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(engine.pool())) {
      return iface.cast(engine.pool());
    }
    DataSource vendor = engine.config().dataSource();
    if (vendor != null) {
      if (iface.isInstance(vendor)) {
        return iface.cast(vendor);
      }
      return vendor.unwrap(iface);
    }
    throw new SQLException("LeakproofDataSource does not wrap a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this) || iface.isInstance(engine.pool())) {
      return true;
    }
    DataSource vendor = engine.config().dataSource();
    return vendor != null && (iface.isInstance(vendor) || vendor.isWrapperFor(iface));
  }

  /**
   * Returns the writer set with {@link #setLogWriter}; Leakproof itself logs through
   * {@code System.Logger}, never to it.
   *
   * @return the writer, or null
   */
  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  /**
   * Stores a log writer for callers that expect to read it back; Leakproof does not write to it.
   *
   * @param out the writer
   */
  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /**
   * Not supported: the acquire timeout is part of the immutable configuration.
   *
   * @param seconds ignored
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "Set acquireTimeout (and createTimeout) on DataSourceConfig; a LeakproofDataSource's"
            + " configuration is immutable");
  }

  /**
   * Returns the acquire timeout in whole seconds (rounded up), the longest
   * {@link #getConnection()} waits.
   *
   * @return the timeout in seconds
   */
  @Override
  public int getLoginTimeout() {
    long ms = engine.config().poolConfig().acquireTimeout().toMillis();
    return (int) Math.min(Integer.MAX_VALUE, (ms + 999) / 1000);
  }

  /**
   * Not supported: Leakproof logs through {@code System.Logger} (logger names
   * {@code io.leakproof...}), not java.util.logging directly.
   *
   * @return never
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException(
        "Leakproof logs through System.Logger with logger names starting with io.leakproof");
  }

  @Override
  public String toString() {
    return "LeakproofDataSource[" + engine.pool().name() + " -> " + engine.target()
        + (engine.config().username() == null ? "" : " as " + engine.config().username())
        + ", maxSize=" + engine.pool().config().maxSize() + "]";
  }
}
