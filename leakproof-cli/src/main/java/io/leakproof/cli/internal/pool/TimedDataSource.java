package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.measure.LatencyRecorder;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's data source as the workload sees it: {@code getConnection()} is timed, and its
 * timeouts and failures are counted. The connection returned is the pool's own, unwrapped, so that
 * a connection the workload leaks is leaked from the pool exactly as it would be without the CLI.
 *
 * <p>Thread-safe (atomics and a {@link LatencyRecorder}).
 */
public final class TimedDataSource implements DataSource {
  private final PoolUnderTest pool;
  private final LatencyRecorder waits = new LatencyRecorder();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong acquired = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  /**
   * Times a pool's data source.
   *
   * @param pool the pool
   */
  public TimedDataSource(PoolUnderTest pool) {
    this.pool = pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    waiting.incrementAndGet();
    long start = System.nanoTime();
    try {
      Connection c = pool.dataSource().getConnection();
      waits.record(System.nanoTime() - start);
      acquired.incrementAndGet();
      return c;
    } catch (SQLException e) {
      waits.record(System.nanoTime() - start);
      if (pool.isAcquireTimeout(e)) {
        timeouts.incrementAndGet();
      } else {
        failures.incrementAndGet();
      }
      throw e;
    } finally {
      waiting.decrementAndGet();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool under test has one user");
  }

  /** Returns the acquisition latencies (successful and failed). */
  public LatencyRecorder waits() {
    return waits;
  }

  /** Returns how many callers are inside {@code getConnection()} now. */
  public int waitingNow() {
    return waiting.get();
  }

  /** Returns how many connections were acquired. */
  public long acquired() {
    return acquired.get();
  }

  /** Returns how many acquisitions gave up at the acquire timeout. */
  public long timeouts() {
    return timeouts.get();
  }

  /** Returns how many acquisitions failed for another reason (the database refused, ...). */
  public long failures() {
    return failures.get();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.dataSource().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.dataSource().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.dataSource().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.dataSource().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.dataSource().getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return pool.dataSource().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return pool.dataSource().isWrapperFor(iface);
  }
}
