package io.leakproof.testkit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A JDBC driver that talks to nothing, so that benchmarks measure pools and their wrappers rather
 * than a database: connecting, preparing, executing and closing all return at once.
 *
 * <p>It accepts {@value #URL} and any URL that starts with {@code jdbc:stub:}. It registers itself
 * with {@link DriverManager} when its class is initialized (the JDBC convention, so pools
 * configured with a driver class name find it) and through the {@code java.sql.Driver} service,
 * so {@code DriverManager.getConnection("jdbc:stub")} works with the testkit on the class or
 * module path. For a pool that takes a vendor {@link javax.sql.DataSource}, use
 * {@link StubDataSource}.
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setDriverClassName(StubDriver.class.getName());
 * config.setJdbcUrl(StubDriver.URL);
 * }</pre>
 *
 * <p>The driver counts physical connections ({@link #openConnections()},
 * {@link #connectionsCreated()}); the counters are touched only when a connection is created or
 * closed, never on a borrow.
 */
public final class StubDriver implements java.sql.Driver {

  /** The URL every pool in a benchmark is pointed at. */
  public static final String URL = "jdbc:stub";

  private static final String URL_PREFIX = URL + ":";
  private static final StubDriver INSTANCE = new StubDriver();
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final AtomicLong CREATED = new AtomicLong();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Creates a driver instance. {@link DriverManager} and pools that instantiate the driver class
   * call this; the instance registered with DriverManager is a single shared one.
   */
  public StubDriver() {}

  /**
   * Makes sure the driver is registered with {@link DriverManager} (initializing the class does
   * it; this method only forces the initialization).
   *
   * @return the registered instance
   */
  public static StubDriver register() {
    return INSTANCE;
  }

  /**
   * Returns how many stub connections are open now (created and not yet closed).
   *
   * @return the count, across every driver and data source instance
   */
  public static int openConnections() {
    return OPEN.get();
  }

  /**
   * Returns how many stub connections were ever created.
   *
   * @return the count, across every driver and data source instance
   */
  public static long connectionsCreated() {
    return CREATED.get();
  }

  static void connectionOpened() {
    CREATED.incrementAndGet();
    OPEN.incrementAndGet();
  }

  static void connectionClosed() {
    OPEN.decrementAndGet();
  }

  /**
   * Opens a stub connection.
   *
   * @param url the URL
   * @param info ignored (user and password are accepted and never looked at)
   * @return a new connection, or {@code null} if the URL is not a stub URL (the JDBC contract)
   */
  @Override
  public Connection connect(String url, Properties info) {
    return acceptsURL(url) ? new StubConnection() : null;
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && (url.equals(URL) || url.startsWith(URL_PREFIX));
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw StubConnection.unsupported("java.util.logging");
  }
}
