package io.leakproof.cli.support;

import io.leakproof.cli.internal.pool.LeakSummary;
import io.leakproof.cli.internal.pool.PoolGauges;
import io.leakproof.cli.internal.pool.PoolSpec;
import io.leakproof.cli.internal.pool.PoolUnderTest;
import io.leakproof.testkit.jdbc.RacyDataSource;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The testkit's deliberately racy JDBC pool ({@link RacyDataSource}: the mgo bug, check, unlock,
 * connect, count) as a pool under test. The load test's server-side sampler must catch it
 * exceeding its maximum; if it stops catching it, the sampler is broken.
 */
public final class RacyPool implements PoolUnderTest {
  private final RacyDataSource dataSource;

  private RacyPool(PoolSpec spec) {
    Properties props = new Properties();
    if (spec.user() != null) {
      props.setProperty("user", spec.user());
    }
    if (spec.password() != null) {
      props.setProperty("password", spec.password());
    }
    // No connect gate: the load test's borrowers are bounded by the test itself.
    dataSource = new RacyDataSource(spec.jdbcUrl(), props, spec.maxSize(), spec.acquireTimeout(), 0);
  }

  /**
   * Opens the pool (it connects lazily).
   *
   * @param spec the settings
   * @return the pool
   */
  public static PoolUnderTest open(PoolSpec spec) {
    return new RacyPool(spec);
  }

  @Override
  public String title() {
    return "racy pool (check, unlock, connect, count)";
  }

  @Override
  public String leakPolicy() {
    return "none";
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public PoolGauges gauges() {
    var pool = dataSource.pool();
    return new PoolGauges(pool.leased(), pool.idle(), pool.waiting(), pool.live());
  }

  @Override
  public LeakSummary leaks() {
    return LeakSummary.NONE;
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e instanceof SQLTimeoutException;
  }

  @Override
  public void close() {
    dataSource.closeAll();
  }
}
