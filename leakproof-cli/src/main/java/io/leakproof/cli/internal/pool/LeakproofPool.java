package io.leakproof.cli.internal.pool;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.PoolStats;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.cli.internal.term.Fmt;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * Leakproof's own {@link LeakproofDataSource}, configured like the other pools: the same maximum
 * size and acquire timeout, a leak warning at the same threshold, and the call site of every
 * lease captured ({@code callSiteCapture=ALL}: the demo is about naming the lines that leak;
 * the default, sampled capture, names a leaking path from its second leak on). Everything else
 * is Leakproof's default: abandoned connections are proven by the garbage collector, reported
 * with their call site and reclaimed, and the pool asks for a collection when it is exhausted.
 */
final class LeakproofPool implements PoolUnderTest {
  private final LeakproofDataSource ds;
  private final String leakThreshold;

  private LeakproofPool(PoolSpec spec) {
    DataSourceConfig.Builder b =
        DataSourceConfig.builder()
            .jdbcUrl(spec.jdbcUrl()) // through the counting driver: physical connects are counted
            .pool(
                p ->
                    p.name(spec.poolName())
                        .maxSize(spec.maxSize())
                        .acquireTimeout(spec.acquireTimeout())
                        .leakWarningThreshold(spec.leakThreshold())
                        .callSiteCapture(CallSiteCapture.ALL));
    if (spec.user() != null) {
      b.username(spec.user());
    }
    if (spec.password() != null) {
      b.password(spec.password());
    }
    this.ds = LeakproofDataSource.open(b.build());
    this.leakThreshold = Fmt.duration(spec.leakThreshold());
  }

  /**
   * Opens a Leakproof pool.
   *
   * @param spec the settings
   * @return the pool
   */
  static PoolUnderTest open(PoolSpec spec) {
    return new LeakproofPool(spec);
  }

  @Override
  public String title() {
    return "Leakproof " + Versions.of("io.leakproof", "leakproof-jdbc");
  }

  @Override
  public String leakPolicy() {
    return "proves a dropped connection leaked when it is garbage-collected, names its line,"
        + " takes it back; warns about one held > "
        + leakThreshold;
  }

  @Override
  public DataSource dataSource() {
    return ds;
  }

  @Override
  public PoolGauges gauges() {
    PoolStats s = ds.pool().stats();
    return new PoolGauges(s.leased(), s.idle(), s.waiting(), s.open());
  }

  @Override
  public LeakSummary leaks() {
    PoolStats s = ds.pool().stats();
    List<LeakSite> sites = new ArrayList<>();
    long reclaimedAtSites = 0;
    long reportedAtSites = 0;
    for (CallSiteStats c : ds.pool().callSiteStats()) {
      long reported = Math.max(c.leaksSuspected(), c.leaksReclaimed());
      if (reported > 0) {
        sites.add(new LeakSite(c.callSite().toString(), reported, c.leaksReclaimed()));
        reclaimedAtSites += c.leaksReclaimed();
        reportedAtSites += reported;
      }
    }
    long reported = Math.max(s.leaksSuspected(), s.leaksReclaimed());
    if (reported > reportedAtSites) {
      long reclaimedElsewhere = Math.max(0, s.leaksReclaimed() - reclaimedAtSites);
      sites.add(new LeakSite(LeakSite.UNKNOWN, reported - reportedAtSites, reclaimedElsewhere));
    }
    sites.sort(Comparator.comparingLong(LeakSite::reported).reversed());
    return new LeakSummary(reported, s.leaksReclaimed(), sites);
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e.getCause() instanceof AcquireTimeoutException;
  }

  @Override
  public void close() {
    ds.close();
  }
}
