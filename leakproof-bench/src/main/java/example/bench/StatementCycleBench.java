package example.bench;

import io.leakproof.bench.BenchPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statement cycle, the shape of HikariCP's {@code StatementBench}: on a connection each thread
 * holds for the whole iteration, prepare a statement, execute it, close it. It measures the
 * pool's statement wrappers (and their tracking), since the stub driver's statements cost nothing.
 * Every thread holds a connection, so run it with no more threads than {@code poolSize}.
 *
 * <p>Leakproof through {@code LeakproofAdapter}'s core path holds the raw stub connection (there is
 * no wrapper until leakproof-jdbc plugs in): its figure is the stub's own cost, a floor.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar StatementCycleBench -t 8 -p poolSize=32
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
@Timeout(time = 60)
public class StatementCycleBench {

  /** What is prepared; the stub driver never parses it. */
  static final String SQL = "INSERT INTO test (column) VALUES (?)";

  /** Creates the benchmark; JMH instantiates it. */
  public StatementCycleBench() {}

  /** The connection one benchmark thread holds during an iteration. */
  @State(Scope.Thread)
  public static class HeldConnection {
    BenchPool.Held held;
    Connection connection;

    /** Creates the state; JMH instantiates it. */
    public HeldConnection() {}

    /**
     * Borrows the connection for this iteration.
     *
     * @param pool the pool
     * @throws SQLException if the borrow fails (more threads than connections)
     */
    @Setup(Level.Iteration)
    public void borrow(PoolState pool) throws SQLException {
      held = pool.bench.hold();
      connection = held.connection();
    }

    /**
     * Gives the connection back.
     *
     * @throws SQLException if the pool's close fails
     */
    @TearDown(Level.Iteration)
    public void giveBack() throws SQLException {
      held.close();
    }
  }

  /**
   * Prepares, executes and closes a statement.
   *
   * @param c the held connection
   * @return the execute result, for the blackhole
   * @throws SQLException if the pool's wrapper fails
   */
  @Benchmark
  public boolean statement(HeldConnection c) throws SQLException {
    try (PreparedStatement ps = c.connection.prepareStatement(SQL)) {
      return ps.execute();
    }
  }
}
