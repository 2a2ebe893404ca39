package example.bench;

import io.leakproof.CallSiteCapture;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * The engine alone, at every call-site capture level: {@code Pool<FakeResourceFactory.Resource>}
 * acquire and close, with the testkit's fake factory (its operations are free), so the only
 * difference between two results is what the level costs. The cost of each level relative to
 * {@code off} decides the default sample rate (the default must stay within 5% of capture off).
 *
 * <p>{@code off}: the default detection with call sites off. {@code sampled-N}: the default
 * detection capturing one lease in N. {@code all}: every lease. {@code all-stacks}: every lease
 * with its whole stack. {@code detection-off}: no detection at all (abandoned handles, leak
 * warning, call sites and GC on exhaustion all off).
 *
 * <p>This class is outside {@code io.leakproof}, so the captured call site is {@link #cycle()},
 * as it would be an application's method; the stack above it is JMH's (about ten frames), far
 * shallower than a real application's, so {@code all-stacks} is a lower bound.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar CallSiteCaptureBench -f 3 -wi 5 -i 5 -w 1 -r 1 -t 1
 * java -jar leakproof-bench/target/benchmarks.jar CallSiteCaptureBench -f 3 -wi 5 -i 5 -w 1 -r 1 -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Timeout(time = 60)
public class CallSiteCaptureBench {

  /** How long {@link #open()} waits for the pool to create its resources. */
  private static final Duration FILL_WAIT = Duration.ofSeconds(5);

  /** The capture level (see the class comment). */
  @Param({
    "off",
    "sampled-16",
    "sampled-64",
    "sampled-256",
    "sampled-1024",
    "sampled-4096",
    "all",
    "all-stacks",
    "detection-off"
  })
  public String capture;

  /** Resources in the pool (fixed size); at least the thread count, so nobody waits. */
  @Param("8")
  public int poolSize;

  private Pool<FakeResourceFactory.Resource> pool;

  /** Creates the benchmark; JMH instantiates it. */
  public CallSiteCaptureBench() {}

  /**
   * Returns the pool configuration for a capture level.
   *
   * @param capture a level name (see the class comment)
   * @param poolSize the fixed size
   * @return the configuration
   * @throws IllegalArgumentException if the level is unknown
   */
  public static PoolConfig config(String capture, int poolSize) {
    PoolConfig.Builder b =
        PoolConfig.builder().name("capture-bench").maxSize(poolSize).minIdle(poolSize);
    String level = capture.toLowerCase(Locale.ROOT);
    if (level.equals("off")) {
      b.callSiteCapture(CallSiteCapture.OFF);
    } else if (level.startsWith("sampled-")) {
      b.callSiteCapture(CallSiteCapture.SAMPLED)
          .callSiteSampleRate(Integer.parseInt(level.substring("sampled-".length())));
    } else if (level.equals("all")) {
      b.callSiteCapture(CallSiteCapture.ALL);
    } else if (level.equals("all-stacks")) {
      b.callSiteCapture(CallSiteCapture.ALL).captureStackTraces(true);
    } else if (level.equals("detection-off")) {
      b.detectAbandoned(false)
          .callSiteCapture(CallSiteCapture.OFF)
          .leakWarningThreshold(Duration.ZERO)
          .gcOnExhaustion(Duration.ZERO);
    } else {
      throw new IllegalArgumentException(
          "capture must be one of off, sampled-N, all, all-stacks, detection-off but was "
              + capture);
    }
    return b.build();
  }

  /**
   * Opens the pool and waits until it holds all its resources.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Setup(Level.Trial)
  public void open() throws InterruptedException {
    FakeResourceFactory factory = new FakeResourceFactory();
    pool = Pool.open(config(capture, poolSize), factory);
    long deadline = System.nanoTime() + FILL_WAIT.toNanos();
    while (factory.open() < poolSize && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }

  /**
   * Acquires a resource and gives it back.
   *
   * @return the resource, for the blackhole
   */
  @Benchmark
  public Object cycle() {
    try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
      return lease.get();
    }
  }
}
