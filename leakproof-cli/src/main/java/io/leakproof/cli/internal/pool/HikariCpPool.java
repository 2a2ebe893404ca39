package io.leakproof.cli.internal.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.comparison.Peer;
import io.leakproof.comparison.Peers;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * HikariCP as a user would configure it for this comparison: the same maximum size and acquire
 * timeout ({@code connectionTimeout}) as the other pools, leak detection on ({@code
 * leakDetectionThreshold}), everything else at HikariCP's defaults (a fixed-size pool: {@code
 * minimumIdle} = {@code maximumPoolSize}). HikariCP reports a connection held past the threshold
 * with its acquisition stack and never takes it back.
 */
final class HikariCpPool implements PoolUnderTest {
  /** HikariCP silently disables leak detection below this threshold. */
  private static final Duration HIKARI_MIN_LEAK_THRESHOLD = Duration.ofSeconds(2);

  private final HikariDataSource ds;
  private final LeakLedger ledger = new LeakLedger();
  private final AutoCloseable subscription;
  private final Duration leakThreshold;

  private HikariCpPool(PoolSpec spec) {
    leakThreshold =
        spec.leakThreshold().compareTo(HIKARI_MIN_LEAK_THRESHOLD) < 0
            ? HIKARI_MIN_LEAK_THRESHOLD
            : spec.leakThreshold();
    subscription = PoolLogs.onHikariLeak(spec.poolName(), ledger);
    try {
      ds = Peers.hikari(spec.peerSettings().withLeakHandling(leakThreshold, Duration.ZERO));
    } catch (RuntimeException e) {
      closeQuietly(subscription);
      throw e;
    }
  }

  /**
   * Opens a HikariCP pool.
   *
   * @param spec the settings
   * @return the pool
   * @throws SQLException if HikariCP cannot start (it connects once at start by default)
   */
  static PoolUnderTest open(PoolSpec spec) throws SQLException {
    try {
      return new HikariCpPool(spec);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SQLException("HikariCP could not start: " + cause.getMessage(), cause);
    }
  }

  @Override
  public String title() {
    return Peer.HIKARICP.title();
  }

  @Override
  public String leakPolicy() {
    return "reports a connection held > "
        + Fmt.duration(leakThreshold)
        + " (leakDetectionThreshold); never takes it back";
  }

  @Override
  public DataSource dataSource() {
    return ds;
  }

  @Override
  public PoolGauges gauges() {
    HikariPoolMXBean mx = ds.getHikariPoolMXBean();
    if (mx == null) {
      return new PoolGauges(0, 0, 0, 0);
    }
    return new PoolGauges(
        mx.getActiveConnections(),
        mx.getIdleConnections(),
        mx.getThreadsAwaitingConnection(),
        mx.getTotalConnections());
  }

  @Override
  public LeakSummary leaks() {
    return ledger.summary();
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e instanceof SQLTransientConnectionException;
  }

  @Override
  public void close() {
    try {
      ds.close();
    } finally {
      closeQuietly(subscription);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Unsubscribing cannot fail.
    }
  }
}
