package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.Secrets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the physical connections one pool opened through {@link CountingDriver}, and keeps them
 * so that connections the pool left open when it closed (leaked and never reclaimed) can be
 * counted and closed at the end of a run. Thread-safe.
 */
public final class ConnectionCounter implements AutoCloseable {
  private final String url;
  private final String targetUrl;
  private final String applicationName;
  private final Runnable unregister;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Queue<Connection> physical = new ConcurrentLinkedQueue<>();

  ConnectionCounter(String url, String targetUrl, String applicationName, Runnable unregister) {
    this.url = url;
    this.targetUrl = targetUrl;
    this.applicationName = applicationName;
    this.unregister = unregister;
  }

  /** Returns the URL to give the pool. */
  public String url() {
    return url;
  }

  /** Returns the database's own URL. */
  public String targetUrl() {
    return targetUrl;
  }

  /** Returns the tag this counter's sessions carry where the database supports one. */
  public String applicationName() {
    return applicationName;
  }

  /** Returns how many physical connections were opened. */
  public long created() {
    return created.get();
  }

  /** Returns how many physical connects failed. */
  public long failed() {
    return failed.get();
  }

  Connection connect(Properties info) throws SQLException {
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    if (targetUrl.startsWith("jdbc:postgresql:") && !props.containsKey("ApplicationName")) {
      props.setProperty("ApplicationName", applicationName);
    }
    Driver driver;
    try {
      driver = DriverManager.getDriver(targetUrl);
    } catch (SQLException e) {
      failed.incrementAndGet();
      throw new SQLException("No JDBC driver for " + Secrets.maskUrl(targetUrl), e);
    }
    Connection c;
    try {
      c = driver.connect(targetUrl, props);
    } catch (SQLException | RuntimeException e) {
      failed.incrementAndGet();
      throw e;
    }
    if (c == null) {
      failed.incrementAndGet();
      throw new SQLException("The driver refused " + Secrets.maskUrl(targetUrl));
    }
    created.incrementAndGet();
    physical.add(c);
    return c;
  }

  /**
   * Closes the physical connections that are still open: after the pool closed, these are the
   * ones it leaked and never took back.
   *
   * @return how many were still open
   */
  public int closeLeftovers() {
    int open = 0;
    Connection c;
    while ((c = physical.poll()) != null) {
      try {
        if (!c.isClosed()) {
          open++;
          c.close();
        }
      } catch (SQLException | RuntimeException e) {
        // Closing a connection the pool abandoned is best effort; the server drops it anyway when
        // this process exits.
      }
    }
    return open;
  }

  /** Stops routing the URL to this counter. */
  @Override
  public void close() {
    unregister.run();
  }
}
