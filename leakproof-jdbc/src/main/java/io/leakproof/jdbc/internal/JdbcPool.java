package io.leakproof.jdbc.internal;

import io.leakproof.AcquireInterruptedException;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.Pool;
import io.leakproof.PoolClosedException;
import io.leakproof.PoolException;
import io.leakproof.PoolOverloadedException;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.spi.LeaseGrant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Function;

/**
 * The engine behind a {@code LeakproofDataSource}: the pool of physical connections, the factory
 * that makes them, and the lending of connection handles.
 *
 * <p>Implementation notes. Thread-safe: all state is final; the pool and the factory are
 * thread-safe. {@link #getConnection()} allocates exactly one object per borrow in the common
 * case, the connection handle, which is also the pool's lease handle.
 */
public final class JdbcPool implements AutoCloseable {

  private final DataSourceConfig config;
  private final JdbcConnectionFactory factory;
  private final Pool<PooledConnection> pool;
  private final Function<LeaseGrant<PooledConnection>, LeakproofConnection> handles;

  private JdbcPool(DataSourceConfig config) {
    this.config = config;
    Connector connector;
    if (config.jdbcUrl() != null) {
      connector =
          new Connector.DriverConnector(
              Drivers.resolve(config.jdbcUrl(), config.driverClassName()),
              config.jdbcUrl(),
              config.driverProperties());
    } else {
      Connector.DataSourceConnector ds = new Connector.DataSourceConnector(config.dataSource());
      ds.applyLoginTimeout(config.poolConfig().createTimeout());
      connector = ds;
    }
    this.factory = new JdbcConnectionFactory(config, connector, config.credentialSource());
    JdbcContext context = new JdbcContext(config);
    this.handles = grant -> new LeakproofConnection(grant, context);
    this.pool = Pool.open(config.poolConfig(), factory);
  }

  /**
   * Opens the pool; creation of minIdle connections starts in the background.
   *
   * @param config the configuration
   * @return the open pool
   */
  public static JdbcPool open(DataSourceConfig config) {
    return new JdbcPool(config);
  }

  /**
   * Lends a connection, waiting up to the acquire timeout.
   *
   * @return the connection handle
   * @throws SQLException translated from the pool's failure (see {@link #translate})
   */
  public Connection getConnection() throws SQLException {
    try {
      return pool.acquire(null, handles);
    } catch (PoolException e) {
      throw translate(e);
    }
  }

  /**
   * Translates a pool failure to the SQLException a JDBC caller expects: a timeout or overload to
   * {@link SQLTransientConnectionException} (retrying may succeed), a closed pool to
   * {@link SQLNonTransientConnectionException}; the pool's exception, with its full diagnosis, is
   * the cause. An interrupt keeps the thread's interrupt flag set.
   *
   * @param e the pool's exception
   * @return the SQLException to throw
   */
  static SQLException translate(PoolException e) {
    if (e instanceof AcquireTimeoutException t) {
      String state = "08001";
      if (t.getCause() instanceof SQLException s && s.getSQLState() != null) {
        state = s.getSQLState(); // for example 28P01: the last connection attempt's own failure
      }
      return new SQLTransientConnectionException(e.getMessage(), state, e);
    }
    if (e instanceof PoolOverloadedException) {
      return new SQLTransientConnectionException(e.getMessage(), "08004", e);
    }
    if (e instanceof PoolClosedException) {
      return new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
    }
    if (e instanceof AcquireInterruptedException) {
      Thread.currentThread().interrupt();
      return new SQLException(e.getMessage(), "08001", e);
    }
    return new SQLException(e.getMessage(), "08001", e);
  }

  /**
   * Returns the underlying pool, for stats, dump, softEvict and resize.
   *
   * @return the pool
   */
  public Pool<?> pool() {
    return pool;
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  public DataSourceConfig config() {
    return config;
  }

  /**
   * Describes what the pool connects to, without secrets.
   *
   * @return the masked URL or the DataSource class
   */
  public String target() {
    return factory.target();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "JdbcPool[" + pool.name() + " -> " + target() + "]";
  }
}
