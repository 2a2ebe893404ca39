package io.leakproof.jdbc;

import com.google.errorprone.annotations.MustBeClosed;
import io.leakproof.Pool;
import io.leakproof.jdbc.internal.JdbcPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
 * <p><b>As a JavaBean.</b> Frameworks and containers that configure a pool by its properties
 * (Spring Boot's {@code spring.datasource.type}, JNDI resources, Tomcat or Jetty context files,
 * reflection) use the no-argument constructor and the setters, which carry the names a HikariCP
 * user knows ({@link #setJdbcUrl}, {@link #setUsername}, {@link #setMaximumPoolSize},
 * {@link #setConnectionTimeout} in milliseconds...). The setters fill the same
 * {@link DataSourceConfig.Builder} that {@link #open} takes built, and validate at once. The data
 * source starts on the first {@link #getConnection()} or on {@link #start()}; from then on its
 * configuration is immutable and every setter throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * LeakproofDataSource ds = new LeakproofDataSource();
 * ds.setJdbcUrl("jdbc:postgresql://db.example.com/orders");
 * ds.setUsername("orders");
 * ds.setPassword(System.getenv("ORDERS_DB_PASSWORD"));
 * ds.setMaximumPoolSize(20);
 * ds.start(); // optional: the first getConnection() starts it too
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * <p>Implementation notes. {@link #engine} is written once, under {@link #startLock}, and read
 * without it (volatile): the started path costs one volatile read. {@link #settings} is guarded by
 * {@link #startLock} and set to null when the data source starts or closes, which is how a late
 * setter knows to fail. No lock is held while connections are opened: {@code JdbcPool.open}
 * starts the pool's creators and returns.
 */
// @MustBeClosed is read by Error Prone, whose users have its annotations; the module does not
// re-export them, so that an application module compiles without them (as in io.leakproof.Pool).
@SuppressWarnings("exports")
public final class LeakproofDataSource implements DataSource, AutoCloseable {

  /** Guards {@link #settings} and the one write of {@link #engine}. */
  private final ReentrantLock startLock = new ReentrantLock();

  /** The settings of a data source not yet started; null once started or closed. */
  private DataSourceConfig.Builder settings;

  /** Whether {@link #close()} ran before the data source started. Guarded by startLock. */
  private boolean closedBeforeStart;

  private volatile JdbcPool engine;
  private volatile PrintWriter logWriter;

  private LeakproofDataSource(JdbcPool engine) {
    this.engine = engine;
  }

  /**
   * Creates a data source to be configured through its setters (or {@link #configure}) and
   * started by the first {@link #getConnection()} or by {@link #start()}.
   */
  public LeakproofDataSource() {
    this.settings = DataSourceConfig.builder();
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

  // ------------------------------------------------------------------ lifecycle

  /**
   * Starts a data source created with the no-argument constructor: builds its configuration
   * (the checks of {@link DataSourceConfig.Builder#build()}) and opens the pool. Does nothing if
   * it is started already. Like {@link #open}, it does not wait for connections.
   *
   * @throws IllegalStateException if the settings conflict or a required one is missing, or the
   *     data source was closed before it started
   * @throws IllegalArgumentException if no driver accepts the URL or a driver or DataSource class
   *     cannot be loaded
   */
  public void start() {
    if (engine == null) {
      startEngine();
    }
  }

  /**
   * Returns whether the data source is started (its configuration can no longer change).
   *
   * @return whether started
   */
  public boolean isStarted() {
    return engine != null;
  }

  private JdbcPool startEngine() {
    startLock.lock();
    try {
      if (engine == null) {
        if (closedBeforeStart) {
          throw new IllegalStateException("LeakproofDataSource was closed before it started");
        }
        JdbcPool e = JdbcPool.open(settings.build());
        settings = null;
        engine = e;
      }
      return engine;
    } finally {
      startLock.unlock();
    }
  }

  private JdbcPool started() {
    JdbcPool e = engine;
    return e != null ? e : startEngine();
  }

  private JdbcPool startedForJdbc() throws SQLException {
    try {
      return started();
    } catch (IllegalStateException | IllegalArgumentException bad) {
      throw new SQLNonTransientConnectionException(
          "LeakproofDataSource cannot start: " + bad.getMessage(), "08001", bad);
    }
  }

  /**
   * Changes settings of a data source that is not started yet, on the same builder the setters
   * fill: {@code ds.configure(b -> b.queryTimeout(Duration.ofSeconds(30)).pool(p -> p.maxHoldTime(
   * Duration.ofMinutes(5))))}.
   *
   * @param change what to change
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if a value is invalid (the message names the property, the
   *     value and the rule)
   */
  public void configure(Consumer<DataSourceConfig.Builder> change) {
    Objects.requireNonNull(change, "change");
    startLock.lock();
    try {
      if (settings == null) {
        throw new IllegalStateException(
            (closedBeforeStart ? "LeakproofDataSource is closed" : "LeakproofDataSource is started ("
                + this + ")")
                + ": its configuration is immutable. Set every property before the first"
                + " getConnection() or start()");
      }
      change.accept(settings);
    } finally {
      startLock.unlock();
    }
  }

  private void pool(Consumer<io.leakproof.PoolConfig.Builder> change) {
    configure(b -> b.pool(change));
  }

  // ------------------------------------------------------------------ JavaBean setters

  /**
   * Applies text settings by name, exactly as {@link DataSourceConfig.Builder#load(Properties)}
   * does (Leakproof names such as {@code maxSize} or {@code acquireTimeout=5s}, HikariCP's
   * names, {@code driver.<name>}).
   *
   * @param properties the settings
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if a key is not a setting or a value is invalid
   */
  public void setProperties(Properties properties) {
    configure(b -> b.load(properties));
  }

  /**
   * Sets the JDBC URL (HikariCP's {@code jdbcUrl}). See {@link DataSourceConfig.Builder#jdbcUrl}.
   *
   * @param jdbcUrl a URL starting with {@code jdbc:}
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the URL is invalid
   */
  public void setJdbcUrl(String jdbcUrl) {
    configure(b -> b.jdbcUrl(jdbcUrl));
  }

  /**
   * Sets the JDBC URL under the name DBCP, Tomcat JDBC and vendor DataSources use.
   *
   * @param url a URL starting with {@code jdbc:}
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the URL is invalid
   */
  public void setUrl(String url) {
    setJdbcUrl(url);
  }

  /**
   * Sets the database user.
   *
   * @param username the user
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the user is null
   */
  public void setUsername(String username) {
    configure(b -> b.username(username));
  }

  /**
   * Sets the password (never logged or shown).
   *
   * @param password the password
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the password is null
   */
  public void setPassword(String password) {
    configure(b -> b.password(password));
  }

  /**
   * Sets the driver class. See {@link DataSourceConfig.Builder#driverClassName}.
   *
   * @param driverClassName a {@code java.sql.Driver} on the class path
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the name is blank
   */
  public void setDriverClassName(String driverClassName) {
    configure(b -> b.driverClassName(driverClassName));
  }

  /**
   * Connects through a vendor DataSource created by class name. See
   * {@link DataSourceConfig.Builder#dataSourceClassName}.
   *
   * @param className a {@code javax.sql.DataSource} on the class path
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the name is blank
   */
  public void setDataSourceClassName(String className) {
    configure(b -> b.dataSourceClassName(className));
  }

  /**
   * Connects through a vendor DataSource object. See {@link DataSourceConfig.Builder#dataSource}.
   *
   * @param dataSource the vendor DataSource
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if it is null or another LeakproofDataSource
   */
  public void setDataSource(DataSource dataSource) {
    configure(b -> b.dataSource(dataSource));
  }

  /**
   * Sets driver properties (HikariCP's {@code dataSourceProperties}).
   *
   * @param properties the properties
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if a name or value is invalid
   */
  public void setDataSourceProperties(Properties properties) {
    configure(b -> b.driverProperties(properties));
  }

  /**
   * Adds one driver property (HikariCP's {@code addDataSourceProperty}).
   *
   * @param name the property
   * @param value its value
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the name or value is invalid
   */
  public void addDataSourceProperty(String name, String value) {
    configure(b -> b.driverProperty(name, value));
  }

  /**
   * Sets the pool's name (HikariCP's {@code poolName}).
   *
   * @param name 1 to 64 letters, digits, '.', '_' or '-'
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if the name is invalid
   */
  public void setPoolName(String name) {
    pool(p -> p.name(name));
  }

  /**
   * Sets the most connections open at once (HikariCP's {@code maximumPoolSize}).
   *
   * @param maxSize at least 1
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if below 1
   */
  public void setMaximumPoolSize(int maxSize) {
    pool(p -> p.maxSize(maxSize));
  }

  /**
   * Sets the most connections open at once, under Leakproof's name.
   *
   * @param maxSize at least 1
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if below 1
   */
  public void setMaxSize(int maxSize) {
    setMaximumPoolSize(maxSize);
  }

  /**
   * Sets how many idle connections the pool keeps ready (HikariCP's {@code minimumIdle}).
   *
   * @param minIdle 0 to maxSize
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setMinimumIdle(int minIdle) {
    pool(p -> p.minIdle(minIdle));
  }

  /**
   * Sets how many idle connections the pool keeps ready, under Leakproof's name.
   *
   * @param minIdle 0 to maxSize
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setMinIdle(int minIdle) {
    setMinimumIdle(minIdle);
  }

  /**
   * Sets the longest {@link #getConnection()} waits, in milliseconds (HikariCP's
   * {@code connectionTimeout}; Leakproof's {@code acquireTimeout}).
   *
   * @param millis more than zero
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if zero or negative
   */
  public void setConnectionTimeout(long millis) {
    pool(p -> p.acquireTimeout(Duration.ofMillis(millis)));
  }

  /**
   * Sets how long a connection may stay idle above minIdle, in milliseconds (HikariCP's
   * {@code idleTimeout}); 0 keeps idle connections.
   *
   * @param millis zero (off) or more
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setIdleTimeout(long millis) {
    pool(p -> p.idleTimeout(Duration.ofMillis(millis)));
  }

  /**
   * Sets the longest life of a connection, in milliseconds (HikariCP's {@code maxLifetime}).
   *
   * @param millis zero (off) or more
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setMaxLifetime(long millis) {
    pool(p -> p.maxLifetime(Duration.ofMillis(millis)));
  }

  /**
   * Sets how often idle connections are validated, in milliseconds (HikariCP's
   * {@code keepaliveTime}).
   *
   * @param millis zero (off) or more
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setKeepaliveTime(long millis) {
    pool(p -> p.keepaliveTime(Duration.ofMillis(millis)));
  }

  /**
   * Sets the time allowed for one validation, in milliseconds (HikariCP's
   * {@code validationTimeout}).
   *
   * @param millis more than zero
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if zero or negative
   */
  public void setValidationTimeout(long millis) {
    pool(p -> p.validationTimeout(Duration.ofMillis(millis)));
  }

  /**
   * Sets the hold time after which a connection is reported as a suspected leak, in
   * milliseconds (HikariCP's {@code leakDetectionThreshold}; Leakproof's
   * {@code leakWarningThreshold}).
   *
   * @param millis zero (off) or more
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if negative
   */
  public void setLeakDetectionThreshold(long millis) {
    pool(p -> p.leakWarningThreshold(Duration.ofMillis(millis)));
  }

  /**
   * Sets the autoCommit every new connection starts with (HikariCP's {@code autoCommit}).
   *
   * @param autoCommit the value
   * @throws IllegalStateException if the data source is started or closed
   */
  public void setAutoCommit(boolean autoCommit) {
    configure(b -> b.autoCommit(autoCommit));
  }

  /**
   * Sets the readOnly flag every new connection starts with (HikariCP's {@code readOnly}).
   *
   * @param readOnly the value
   * @throws IllegalStateException if the data source is started or closed
   */
  public void setReadOnly(boolean readOnly) {
    configure(b -> b.readOnly(readOnly));
  }

  /**
   * Sets the isolation every new connection starts with (HikariCP's
   * {@code transactionIsolation}): {@code TRANSACTION_READ_COMMITTED} or {@code READ_COMMITTED}.
   *
   * @param isolation the level's name
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if it names no level
   */
  public void setTransactionIsolation(String isolation) {
    Properties p = new Properties();
    p.setProperty("isolation", String.valueOf(isolation));
    configure(b -> b.load(p));
  }

  /**
   * Sets the catalog every new connection starts with.
   *
   * @param catalog the catalog
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if it is blank
   */
  public void setCatalog(String catalog) {
    configure(b -> b.catalog(catalog));
  }

  /**
   * Sets the schema every new connection starts with.
   *
   * @param schema the schema
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if it is blank
   */
  public void setSchema(String schema) {
    configure(b -> b.schema(schema));
  }

  /**
   * Sets SQL run once on every new connection (HikariCP's {@code connectionInitSql}).
   *
   * @param sql the SQL
   * @throws IllegalStateException if the data source is started or closed
   * @throws IllegalArgumentException if it is blank
   */
  public void setConnectionInitSql(String sql) {
    configure(b -> b.connectionInitSql(sql));
  }

  // ------------------------------------------------------------------ borrowing

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
    JdbcPool e = engine;
    if (e == null) {
      try {
        e = startEngine();
      } catch (IllegalStateException | IllegalArgumentException bad) {
        throw new SQLNonTransientConnectionException(
            "LeakproofDataSource cannot start: " + bad.getMessage(), "08001", bad);
      }
    }
    return e.getConnection();
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
   * {@code softEvict()} and {@code resize()}. Starts a data source that is not started yet.
   *
   * @return the pool
   */
  public Pool<?> pool() {
    return started().pool();
  }

  /**
   * Returns the configuration. Starts a data source that is not started yet.
   *
   * @return the configuration
   * @throws IllegalStateException if the settings conflict or the data source was closed
   *     before it started
   */
  public DataSourceConfig config() {
    return started().config();
  }

  /**
   * Returns whether {@link #close()} has been called.
   *
   * @return whether the data source is closed
   */
  public boolean isClosed() {
    JdbcPool e = engine;
    if (e != null) {
      return e.pool().isClosed();
    }
    startLock.lock();
    try {
      return closedBeforeStart;
    } finally {
      startLock.unlock();
    }
  }

  /**
   * Closes the pool gracefully: new borrowers fail at once, idle connections are closed, and
   * connections still lent out are waited for up to the shutdown timeout, then reported and
   * closed. Idempotent.
   */
  @Override
  public void close() {
    startLock.lock();
    try {
      if (engine == null) {
        settings = null;
        closedBeforeStart = true;
        return;
      }
    } finally {
      startLock.unlock();
    }
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
    JdbcPool engine = startedForJdbc();
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
    if (iface.isInstance(this)) {
      return true;
    }
    JdbcPool engine = startedForJdbc();
    if (iface.isInstance(engine.pool())) {
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
    long ms = started().config().poolConfig().acquireTimeout().toMillis();
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
    JdbcPool engine = this.engine;
    if (engine == null) {
      return "LeakproofDataSource[not started]";
    }
    return "LeakproofDataSource[" + engine.pool().name() + " -> " + engine.target()
        + (engine.config().username() == null ? "" : " as " + engine.config().username())
        + ", maxSize=" + engine.pool().config().maxSize() + "]";
  }
}
