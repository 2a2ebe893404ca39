package io.leakproof.cli.internal.pool;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A JDBC connection pool as the demo and the load test see it: a {@link DataSource} to borrow
 * from, the pool's own gauges, and the leaks it reported. One implementation per pool ({@link
 * PoolKind}); each translates its pool's settings, counters and leak signals into these terms.
 *
 * <p>Implementations are thread-safe: borrowers use {@link #dataSource()} while a sampler reads
 * {@link #gauges()} and {@link #leaks()}.
 */
public interface PoolUnderTest extends AutoCloseable {

  /**
   * Returns the pool's product name and version.
   *
   * @return for example {@code HikariCP 7.1.0}
   */
  String title();

  /**
   * Returns what the pool does about a leaked connection, in one line, as configured.
   *
   * @return for example {@code reports a connection held > 2 s; never reclaims it}
   */
  String leakPolicy();

  /**
   * Returns the data source to borrow from.
   *
   * @return the pool's data source
   */
  DataSource dataSource();

  /**
   * Returns the pool's gauges as it reports them.
   *
   * @return the gauges; a gauge the pool does not report is {@link PoolGauges#UNKNOWN}
   */
  PoolGauges gauges();

  /**
   * Returns the leaks the pool reported and reclaimed so far, by call site.
   *
   * @return the leaks
   */
  LeakSummary leaks();

  /**
   * Tells whether a failed {@code getConnection()} gave up waiting for a connection (as opposed to
   * failing to create one).
   *
   * @param e the exception {@code getConnection()} threw
   * @return true if it was the acquire timeout
   */
  boolean isAcquireTimeout(SQLException e);

  /** Closes the pool; it may take up to the pool's own shutdown timeout. Never throws. */
  @Override
  void close();
}
