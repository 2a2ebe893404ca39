package io.leakproof.bench;

import io.leakproof.CallSiteCapture;
import io.leakproof.PoolConfig;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.testkit.jdbc.StubDriver;
import java.time.Duration;

/**
 * How the benchmarks borrow from Leakproof: through {@link LeakproofDataSource} over the stub
 * driver, wrappers included, exactly as an application would (getConnection, close; the
 * statement cycle goes through Leakproof's statement wrappers and their tracking).
 */
public final class LeakproofAdapter {

  /** Whether Leakproof is measured through its JDBC wrapper ({@code LeakproofDataSource}). */
  public static final boolean WRAPS_JDBC = true;

  /** Leak-detection settings measured. */
  enum Detection {
    /** The defaults of {@link PoolConfig}. */
    DEFAULT,
    /** detectAbandoned off, call sites off, no leak warning, no GC on exhaustion. */
    OFF,
    /** The defaults, with the call site of every lease captured. */
    ALL_CALL_SITES
  }

  private LeakproofAdapter() {}

  /**
   * Opens a Leakproof pool over the stub driver.
   *
   * @param detection which detection settings
   * @param settings size and acquire timeout
   * @return the pool
   */
  static BenchPool open(Detection detection, PoolSettings settings) {
    StubDriver.register();
    LeakproofDataSource ds =
        LeakproofDataSource.open(
            DataSourceConfig.builder()
                .jdbcUrl(StubDriver.URL)
                .poolConfig(config(detection, settings))
                .build());
    return new DataSourcePool(ds, ds);
  }

  /**
   * Returns the configuration for a variant: fixed size, the benchmark's acquire timeout, and
   * the detection settings; every other setting is Leakproof's default.
   *
   * @param detection which detection settings
   * @param settings size and acquire timeout
   * @return the configuration
   */
  static PoolConfig config(Detection detection, PoolSettings settings) {
    PoolConfig.Builder b =
        PoolConfig.builder()
            .name("bench")
            .maxSize(settings.size())
            .minIdle(settings.size())
            .acquireTimeout(settings.acquireTimeout());
    switch (detection) {
      case DEFAULT -> {}
      case OFF ->
          b.detectAbandoned(false)
              .callSiteCapture(CallSiteCapture.OFF)
              .leakWarningThreshold(Duration.ZERO)
              .gcOnExhaustion(Duration.ZERO);
      case ALL_CALL_SITES -> b.callSiteCapture(CallSiteCapture.ALL);
    }
    return b.build();
  }
}
