package example.bench;

import io.leakproof.bench.BenchPool;
import io.leakproof.bench.PoolKind;
import io.leakproof.bench.PoolSettings;
import java.sql.SQLException;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool under measurement, shared by every benchmark thread: one pool per trial (per JMH fork),
 * opened and filled before the first iteration and closed after the last.
 */
@State(Scope.Benchmark)
public class PoolState {

  /**
   * How long a borrow may wait. Far longer than any healthy borrow over the stub driver; a pool
   * that hangs (as some did on virtual threads) fails its benchmark after this instead of
   * stalling the run.
   */
  static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);

  /** Which pool: a {@link PoolKind#param()} value. */
  @Param({
    "leakproof",
    "leakproof-off",
    "leakproof-all",
    "hikari",
    "hikari-leak",
    "agroal",
    "vibur",
    "dbcp2",
    "tomcat",
    "c3p0"
  })
  public String pool;

  /** Connections in the pool (fixed size). */
  @Param("32")
  public int poolSize;

  BenchPool bench;

  /** Creates the state; JMH instantiates it. */
  public PoolState() {}

  /**
   * Opens the pool.
   *
   * @throws SQLException if the pool fails to start
   */
  @Setup(Level.Trial)
  public void open() throws SQLException {
    bench = PoolKind.open(pool, new PoolSettings(poolSize, ACQUIRE_TIMEOUT));
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
    bench.close();
  }
}
