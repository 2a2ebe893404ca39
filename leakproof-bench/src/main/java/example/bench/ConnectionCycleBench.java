package example.bench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Connection cycle, the shape of HikariCP's {@code ConnectionBench}: borrow a connection and give
 * it back at once, from many threads, on a pool of the stub driver's connections. It measures
 * the pool's borrow and return paths and their leak detection, nothing else.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar ConnectionCycleBench -t 8 -p poolSize=32
 * java -jar leakproof-bench/target/benchmarks.jar ConnectionCycleBench -t 8 -prof gc
 * </pre>
 *
 * <p>For virtual threads use {@link VirtualThreadCycleBench}, not JMH's virtual executor (its
 * comment says why).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
@Timeout(time = 60)
public class ConnectionCycleBench {

  /** Creates the benchmark; JMH instantiates it. */
  public ConnectionCycleBench() {}

  /**
   * Borrows a connection and closes it.
   *
   * @param state the pool
   * @return the connection or lease, for the blackhole
   * @throws SQLException if the borrow times out
   */
  @Benchmark
  public Object cycle(PoolState state) throws SQLException {
    return state.bench.cycle();
  }
}
