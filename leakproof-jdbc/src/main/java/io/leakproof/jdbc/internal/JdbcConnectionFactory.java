package io.leakproof.jdbc.internal;

import io.leakproof.jdbc.ConnectionFailureClassifier;
import io.leakproof.jdbc.Credentials;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.spi.ResourceFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Creates, validates, resets and destroys the pool's physical connections.
 *
 * <p>Implementation notes. The pool calls {@link #create} on its creator threads, {@link #reset} on
 * the thread that ends a lease, {@link #validate} on a borrower or the housekeeper, and
 * {@link #isBroken} on the thread that saw a failure; the factory holds no lock and no shared
 * mutable state. (Once a connection is classified broken, the pool itself validates every
 * connection not known to work since before lending it: a server restart or a network cut
 * usually breaks them all at once.)
 */
public final class JdbcConnectionFactory implements ResourceFactory<PooledConnection> {

  /** Passed to {@code setNetworkTimeout}: drivers run their abort task on it; inline is enough. */
  static final Executor DIRECT = Runnable::run;

  private final Connector connector;
  private final Supplier<Credentials> credentials;
  private final DataSourceConfig config;
  private final ConnectionFailureClassifier classifier;

  /**
   * Creates the factory.
   *
   * @param config the data source configuration
   * @param connector opens physical connections
   * @param credentials supplies the user and password for each new connection
   */
  JdbcConnectionFactory(
      DataSourceConfig config, Connector connector, Supplier<Credentials> credentials) {
    this.config = config;
    this.connector = connector;
    this.credentials = credentials;
    this.classifier = config.failureClassifier();
  }

  // ------------------------------------------------------------------ create

  @Override
  public PooledConnection create(Duration timeout) throws SQLException {
    Credentials cred;
    try {
      cred = credentials.get();
    } catch (RuntimeException e) {
      throw new SQLException(
          "The credentials supplier failed for " + connector.target() + ": " + e, "28000", e);
    }
    if (cred == null) {
      throw new SQLException("The credentials supplier returned null", "28000");
    }
    Connection c;
    try {
      c = connector.connect(cred, timeout);
    } catch (SQLException | RuntimeException e) {
      throw connectFailure("Cannot connect to ", e, cred);
    }
    try {
      return prepare(c);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw connectFailure("Cannot set up a new connection to ", e, cred);
    }
  }

  private SQLException connectFailure(String what, Exception e, Credentials cred) {
    Throwable safe = Secrets.scrub(e, cred.password());
    String state = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "08001";
    int code = e instanceof SQLException s ? s.getErrorCode() : 0;
    return new SQLException(
        what
            + connector.target()
            + (cred.username() == null ? "" : " as user '" + cred.username() + "'")
            + ": "
            + Secrets.maskMessage(e.getMessage(), cred.password())
            + " ["
            + e.getClass().getSimpleName()
            + ", SQLState "
            + state
            + "]",
        state,
        code,
        safe);
  }

  /** Applies the configured defaults, runs the init SQL and records the baseline. */
  private PooledConnection prepare(Connection c) throws SQLException {
    if (config.autoCommit() != null && c.getAutoCommit() != config.autoCommit()) {
      c.setAutoCommit(config.autoCommit());
    }
    if (config.isolation() != null) {
      c.setTransactionIsolation(config.isolation().jdbcLevel());
    }
    if (config.readOnly() != null) {
      c.setReadOnly(config.readOnly());
    }
    if (config.catalog() != null) {
      c.setCatalog(config.catalog());
    }
    if (config.schema() != null) {
      c.setSchema(config.schema());
    }
    if (!config.networkTimeout().isZero()) {
      c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, config.networkTimeout().toMillis()));
    }
    if (config.connectionInitSql() != null) {
      try (Statement s = c.createStatement()) {
        s.execute(config.connectionInitSql());
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    String product;
    try {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException | RuntimeException e) {
      product = "";
    }
    return new PooledConnection(
        c,
        product == null ? "" : product,
        c.getAutoCommit(),
        c.getTransactionIsolation(),
        c.isReadOnly(),
        optional(c::getCatalog),
        optional(c::getSchema),
        networkTimeoutOf(c));
  }

  private interface StringGetter {
    String get() throws SQLException;
  }

  private static String optional(StringGetter g) {
    try {
      return g.get();
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      return null;
    }
  }

  private static int networkTimeoutOf(Connection c) {
    try {
      return c.getNetworkTimeout();
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      return -1;
    }
  }

  // ------------------------------------------------------------------ validate and classify

  @Override
  public boolean validate(PooledConnection pc, Duration timeout) throws SQLException {
    return pc.raw.isValid(Connector.ceilSeconds(timeout));
  }

  @Override
  public boolean isBroken(PooledConnection pc, Throwable failure) {
    return (failure instanceof SQLException e && classifier.isBroken(e, pc.product)) || isClosed(pc);
  }

  private static boolean isClosed(PooledConnection pc) {
    try {
      return pc.raw.isClosed();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  // ------------------------------------------------------------------ reset and destroy

  /**
   * Restores a returned connection: rolls back an open transaction, then restores every attribute
   * the borrower changed, then clears warnings. Throws (so that the pool closes the connection)
   * if an attribute cannot be restored.
   */
  @Override
  public void reset(PooledConnection pc) throws SQLException {
    Connection c = pc.raw;
    if (pc.exposed) {
      // The borrower had the driver's own connection: it may have changed anything.
      pc.dirty.addAll(java.util.EnumSet.allOf(DirtyAttribute.class));
      if (pc.clientInfo == null) {
        pc.dirty.remove(DirtyAttribute.CLIENT_INFO);
      }
    }
    boolean autoCommitNow = pc.dirty.contains(DirtyAttribute.AUTO_COMMIT) ? c.getAutoCommit() : pc.autoCommit;
    if (!autoCommitNow) {
      c.rollback();
    }
    for (DirtyAttribute a : pc.dirty) {
      restore(pc, c, a);
    }
    c.clearWarnings();
    pc.dirty.clear();
    pc.clientInfoNames.clear();
    pc.exposed = false;
  }

  private static void restore(PooledConnection pc, Connection c, DirtyAttribute a)
      throws SQLException {
    switch (a) {
      case AUTO_COMMIT -> c.setAutoCommit(pc.autoCommit);
      case ISOLATION -> c.setTransactionIsolation(pc.isolation);
      case READ_ONLY -> c.setReadOnly(pc.readOnly);
      case CATALOG -> c.setCatalog(known(pc.catalog, "catalog"));
      case SCHEMA -> c.setSchema(known(pc.schema, "schema"));
      case NETWORK_TIMEOUT -> {
        if (pc.networkTimeoutMillis < 0) {
          throw unknownBaseline("network timeout");
        }
        c.setNetworkTimeout(DIRECT, pc.networkTimeoutMillis);
      }
      case CLIENT_INFO -> restoreClientInfo(pc, c);
    }
  }

  /**
   * Sets every client-info name the borrower set (and, after an unwrap, every name of the
   * baseline) back to its baseline value. A name absent from the baseline is removed by setting
   * the whole baseline (drivers that replace their map, such as H2's, drop it); a driver that
   * keeps every name once set (MariaDB's) gets the empty string, the closest it has to unset.
   * A driver that refuses throws, and the pool closes the connection rather than lend it with
   * the borrower's client info.
   */
  private static void restoreClientInfo(PooledConnection pc, Connection c) throws SQLException {
    Properties baseline = pc.clientInfo;
    if (baseline == null) {
      return;
    }
    Set<String> names = new TreeSet<>(pc.clientInfoNames);
    if (pc.exposed) {
      names.addAll(baseline.stringPropertyNames());
    }
    List<String> absent = new ArrayList<>();
    for (String name : names) {
      String value = baseline.getProperty(name);
      if (value != null) {
        c.setClientInfo(name, value);
      } else {
        absent.add(name);
      }
    }
    if (absent.isEmpty()) {
      return;
    }
    c.setClientInfo(baseline);
    for (String name : absent) {
      String now = c.getClientInfo(name);
      if (now != null && !now.isEmpty()) {
        c.setClientInfo(name, "");
      }
    }
  }

  private static String known(String baseline, String what) throws SQLException {
    if (baseline == null) {
      throw unknownBaseline(what);
    }
    return baseline;
  }

  private static SQLException unknownBaseline(String what) {
    return new SQLFeatureNotSupportedException(
        "The borrower changed the "
            + what
            + " and the driver did not report its original value; the connection is closed"
            + " instead of reused");
  }

  @Override
  public void destroy(PooledConnection pc) throws SQLException {
    pc.raw.close();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Already failing; the first error is the one to report.
    }
  }

  @Override
  public String describe(PooledConnection pc) {
    return pc.toString();
  }

  @Override
  public String resourceKind() {
    return "connection";
  }

  /**
   * Returns what the factory connects to, without secrets.
   *
   * @return the masked URL or the DataSource class
   */
  String target() {
    return connector.target();
  }
}
