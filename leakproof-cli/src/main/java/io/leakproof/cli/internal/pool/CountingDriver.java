package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.Secrets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A JDBC driver in front of the real one that counts physical connects, to set against
 * reuses (mgo's "104 dials, 3,989 reuses", docs/articles.md article 3). A pool given {@code jdbc:leakproof-count:<id>:<real URL>} looks this driver up
 * through {@link DriverManager}, as every pool does, and each {@code connect} it makes is counted
 * in the {@link ConnectionCounter} registered under {@code <id>} before the real driver connects.
 *
 * <p>It also tags PostgreSQL connections with an {@code ApplicationName}, so that the server-side
 * sampler counts exactly this pool's sessions in {@code pg_stat_activity}.
 */
public final class CountingDriver implements Driver {
  /** The URL prefix this driver answers to. */
  public static final String PREFIX = "jdbc:leakproof-count:";

  private static final CountingDriver INSTANCE = new CountingDriver();
  private static final Map<String, ConnectionCounter> COUNTERS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private CountingDriver() {}

  /**
   * Starts counting the physical connections made to a database.
   *
   * @param targetUrl the database's real JDBC URL
   * @param applicationName the name to tag sessions with where the database supports it
   * @return the counter; {@link ConnectionCounter#url()} is the URL to give the pool
   */
  public static ConnectionCounter open(String targetUrl, String applicationName) {
    String id = Long.toString(IDS.incrementAndGet());
    ConnectionCounter counter =
        new ConnectionCounter(
            PREFIX + id + ":" + targetUrl, targetUrl, applicationName, () -> COUNTERS.remove(id));
    COUNTERS.put(id, counter);
    return counter;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    ConnectionCounter counter = colon < 0 ? null : COUNTERS.get(rest.substring(0, colon));
    if (counter == null) {
      throw new SQLException(
          "No connection counter for " + Secrets.maskUrl(url) + " (the run that used it ended)");
    }
    return counter.connect(info);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
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
    throw new SQLFeatureNotSupportedException("no parent logger");
  }
}
