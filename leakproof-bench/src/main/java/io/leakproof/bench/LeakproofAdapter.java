package io.leakproof.bench;

import io.leakproof.CallSiteCapture;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.spi.ResourceFactory;
import io.leakproof.testkit.jdbc.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * THE ADAPTER TO SWAP when leakproof-jdbc lands: how the benchmarks borrow from Leakproof.
 *
 * <p>Today it measures the engine through the core API over the stub driver:
 * {@code Pool<Connection>}, {@code acquire()}, {@code lease.get()}, {@code lease.close()}. That is
 * the pool without its JDBC wrapper, so the connection cycle is comparable with the incumbents'
 * (whose wrappers cost a little more) and the statement cycle runs on the raw stub connection: a
 * baseline of the stub itself, not Leakproof's statement tracking.
 *
 * <p>To measure {@code LeakproofDataSource} instead, replace the body of {@link #open} with:
 *
 * <pre>{@code
 * LeakproofDataSource ds = LeakproofDataSource.builder()        // (its real API)
 *     .url(StubDriver.URL).pool(config(detection, settings)).build();
 * return new DataSourcePool(ds, ds);
 * }</pre>
 *
 * and delete {@link CorePool} and {@link StubConnectionFactory}. Nothing else changes: the
 * benchmarks see a {@link BenchPool}.
 */
public final class LeakproofAdapter {

  /**
   * Whether Leakproof is measured through its JDBC wrapper ({@code LeakproofDataSource}). False
   * while the adapter uses the core API; the report then marks Leakproof's figures as the engine's
   * alone. Set it to true in the same change that swaps {@link #open}.
   */
  public static final boolean WRAPS_JDBC = false;

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
    return new CorePool(Pool.open(config(detection, settings), new StubConnectionFactory()));
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

  /** The benchmarks' view of a core pool of stub connections. */
  private static final class CorePool implements BenchPool {
    private final Pool<Connection> pool;

    CorePool(Pool<Connection> pool) {
      this.pool = pool;
    }

    @Override
    public Object cycle() {
      try (Lease<Connection> lease = pool.acquire()) {
        return lease.get();
      }
    }

    @Override
    @SuppressWarnings("MustBeClosedChecker") // a leak is what the leak storm measures
    public Object leak() {
      return pool.acquire();
    }

    @Override
    @SuppressWarnings("MustBeClosedChecker") // closed by Held.close()
    public Held hold() {
      Lease<Connection> lease = pool.acquire();
      Connection c = lease.get();
      return new Held() {
        @Override
        public Connection connection() {
          return c;
        }

        @Override
        public void close() {
          lease.close();
        }
      };
    }

    @Override
    public void close() {
      pool.close();
    }
  }

  /** Opens stub connections for the core pool, as the JDBC module's factory will open real ones. */
  private static final class StubConnectionFactory implements ResourceFactory<Connection> {
    private final StubDriver driver = StubDriver.register();

    @Override
    public Connection create(Duration timeout) throws SQLException {
      return driver.connect(StubDriver.URL, new Properties());
    }

    @Override
    public boolean validate(Connection c, Duration timeout) throws SQLException {
      return c.isValid((int) Math.max(1, timeout.toSeconds()));
    }

    @Override
    public void destroy(Connection c) throws SQLException {
      c.close();
    }

    @Override
    public boolean isBroken(Connection c, Throwable failure) {
      return true;
    }

    @Override
    public String resourceKind() {
      return "connection";
    }
  }
}
