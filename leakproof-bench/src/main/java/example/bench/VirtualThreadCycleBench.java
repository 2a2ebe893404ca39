package example.bench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connection cycle on hundreds of virtual threads sharing a small pool. One benchmark
 * operation is a burst: start {@code virtualThreads} virtual threads, each borrowing and
 * returning a connection {@code cyclesPerThread} times, and wait for all of them. The figure to
 * read is {@code cycles} (connection cycles per millisecond); starting and joining the threads is
 * included, about 1% of a burst.
 *
 * <p>Why not JMH's own virtual executor ({@code -jvmArgsAppend -Djmh.executor=VIRTUAL})? With
 * JMH's default synchronized iterations, threads that are done spin in {@code Thread.yield()}
 * while others are parked in the pool, and runs intermittently never end, whatever the pool;
 * with {@code -si false} they end, but each thread's rate is computed over its own window, and
 * with hundreds of threads taking turns on two carriers the sum is inflated many times over
 * (millions of cycles per millisecond). A burst measures wall-clock time for a known amount of
 * work, so neither applies. A borrow that hangs fails after the pool's acquire timeout.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar VirtualThreadCycleBench -p poolSize=8 \
 *     -p virtualThreads=256
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Timeout(time = 120)
@State(Scope.Benchmark)
public class VirtualThreadCycleBench {

  /** Virtual threads started per burst. */
  @Param("256")
  public int virtualThreads;

  /** Connection cycles each virtual thread runs per burst. */
  @Param("500")
  public int cyclesPerThread;

  /** Creates the benchmark; JMH instantiates it. */
  public VirtualThreadCycleBench() {}

  /** Connection cycles completed: reported as a rate, the figure to compare. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Cycles {
    /** Cycles completed in this iteration. */
    public long cycles;

    /** Creates the state; JMH instantiates it. */
    public Cycles() {}

    /** Starts an iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      cycles = 0;
    }
  }

  /**
   * Runs one burst.
   *
   * @param state the pool
   * @param done cycles completed
   * @throws Exception the first failure of any virtual thread (a borrow that timed out)
   */
  @Benchmark
  public void burst(PoolState state, Cycles done) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    int cycles = cyclesPerThread;
    Runnable work =
        () -> {
          try {
            for (int i = 0; i < cycles; i++) {
              state.bench.cycle();
            }
          } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        };
    Thread[] threads = new Thread[virtualThreads];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = Thread.ofVirtual().start(work);
    }
    for (Thread t : threads) {
      t.join();
    }
    Exception e = failure.get();
    if (e != null) {
      throw e;
    }
    done.cycles += (long) virtualThreads * cycles;
  }
}
