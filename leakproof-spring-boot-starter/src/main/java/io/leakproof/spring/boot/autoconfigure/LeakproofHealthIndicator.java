package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.PoolStats;
import io.leakproof.jdbc.LeakproofDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the context's Leakproof pools ({@code /actuator/health/leakproof}): UP while every
 * pool is open, DOWN once one is closed; the details give each pool's counts and its leak
 * counters. An exhausted pool stays UP (it still serves, in order, and says who holds it on the
 * {@code leakproof} endpoint): taking the instance out of service would not return the leases.
 */
public final class LeakproofHealthIndicator extends AbstractHealthIndicator {

  private final Map<String, LeakproofDataSource> dataSources;

  /**
   * Creates the indicator.
   *
   * @param dataSources the data sources by bean name
   */
  public LeakproofHealthIndicator(Map<String, LeakproofDataSource> dataSources) {
    super("Leakproof health check failed");
    this.dataSources = Map.copyOf(dataSources);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean up = true;
    for (Map.Entry<String, LeakproofDataSource> e : dataSources.entrySet()) {
      LeakproofDataSource ds = e.getValue();
      if (ds.isClosed()) {
        up = false;
        builder.withDetail(e.getKey(), Map.of("closed", true));
        continue;
      }
      PoolStats s = ds.pool().stats();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("pool", s.poolName());
      d.put("maxSize", s.maxSize());
      d.put("open", s.open());
      d.put("idle", s.idle());
      d.put("leased", s.leased());
      d.put("waiting", s.waiting());
      d.put("timeouts", s.timeouts());
      d.put("leaksSuspected", s.leaksSuspected());
      d.put("leaksReclaimed", s.leaksReclaimed());
      builder.withDetail(e.getKey(), d);
    }
    if (up) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
