package example.bench;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.bench.BenchPool;
import io.leakproof.bench.PoolKind;
import io.leakproof.bench.PoolSettings;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leak storm: the connection cycle, except that one borrow in {@code leakOneIn} never gives its
 * connection back (the borrower drops it, as a forgotten {@code close()} on an exception path
 * does). A pool that cannot take leaked connections back drains, and then every borrow waits
 * {@code acquireTimeoutMs} and fails.
 *
 * <p>Results: {@code completed} is the rate of borrows that got a connection and returned it
 * (ops/ms, the figure to compare with the connection cycle); {@code timeouts} and {@code leaks}
 * count failed borrows and abandoned connections per iteration. The primary score counts every
 * attempt, failed ones included; read {@code completed} instead. The {@code -abandoned} and
 * {@code -unreturned} variants turn on the incumbents' own answer to leaks (a connection held
 * longer than 1 s is taken back).
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar LeakStormBench -t 8 -p leakOneIn=1000 -si false
 * </pre>
 *
 * <p>Run it with {@code -si false}: a failed borrow takes the whole acquire timeout, and with JMH's
 * synchronized iterations the threads keep borrowing while they wait for each other at the
 * iteration's end, and those borrows land in the counters.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
@Timeout(time = 60)
public class LeakStormBench {

  /** Creates the benchmark; JMH instantiates it. */
  public LeakStormBench() {}

  /** The pool, with the storm's short acquire timeout. */
  @State(Scope.Benchmark)
  public static class StormPool {
    /** Which pool: a {@link PoolKind#param()} value. */
    @Param({
      "leakproof",
      "leakproof-off",
      "hikari",
      "agroal",
      "vibur",
      "dbcp2",
      "dbcp2-abandoned",
      "tomcat",
      "tomcat-abandoned",
      "c3p0",
      "c3p0-unreturned"
    })
    public String pool;

    /** Connections in the pool (fixed size). */
    @Param("32")
    public int poolSize;

    /** One borrow in this many is leaked. */
    @Param("1000")
    public int leakOneIn;

    /** How long a borrow waits before it counts as a timeout: short, so timeouts are counted. */
    @Param("1000")
    public int acquireTimeoutMs;

    BenchPool bench;

    /** Creates the state; JMH instantiates it. */
    public StormPool() {}

    /**
     * Opens the pool.
     *
     * @throws SQLException if the pool fails to start
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      bench =
          PoolKind.open(pool, new PoolSettings(poolSize, Duration.ofMillis(acquireTimeoutMs)));
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void close() {
      bench.close();
    }
  }

  /** Borrows that got a connection and gave it back: reported as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Completed {
    /** Completed cycles in this iteration. */
    public long completed;

    /** Creates the state; JMH instantiates it. */
    public Completed() {}

    /** Starts an iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      completed = 0;
    }
  }

  /** What went wrong: reported as counts per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Failures {
    /** Borrows that failed (timed out) in this iteration. */
    public long timeouts;

    /** Connections leaked in this iteration. */
    public long leaks;

    private long borrows;

    /** Creates the state; JMH instantiates it. */
    public Failures() {}

    /** Starts an iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      timeouts = 0;
      leaks = 0;
    }

    boolean nextLeaks(int leakOneIn) {
      return ++borrows % leakOneIn == 0;
    }
  }

  /**
   * Borrows; leaks one borrow in {@code leakOneIn}, returns the others; counts failed borrows.
   *
   * @param pool the pool
   * @param done completed cycles
   * @param failures timeouts and leaks
   * @return what was borrowed or the failure, for the blackhole
   */
  @Benchmark
  public Object borrow(StormPool pool, Completed done, Failures failures) {
    try {
      if (failures.nextLeaks(pool.leakOneIn)) {
        Object leaked = pool.bench.leak();
        failures.leaks++;
        return leaked;
      }
      Object c = pool.bench.cycle();
      done.completed++;
      return c;
    } catch (SQLException | AcquireTimeoutException e) {
      failures.timeouts++;
      return e;
    }
  }
}
