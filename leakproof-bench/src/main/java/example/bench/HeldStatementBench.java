package example.bench;

import io.leakproof.bench.BenchPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Statement cycle on a connection each thread borrows once and holds for the whole trial (a batch
 * job, a report, a migration): create a statement, execute {@code SELECT 1}, close it. Unlike
 * {@link StatementCycleBench} (a connection per iteration), every statement here runs on the
 * first lease of a connection the pool just created, so it shows what a sampled lease costs per
 * statement: before call-site sampling started at a random phase, every such lease was sampled
 * and every statement walked the stack.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar HeldStatementBench -f 3 -t 8 \
 *     -p pool=leakproof,leakproof-off,hikari,agroal
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
@Timeout(time = 60)
public class HeldStatementBench {

  /** What is executed; the stub driver never parses it. */
  static final String SQL = "SELECT 1";

  /** Creates the benchmark; JMH instantiates it. */
  public HeldStatementBench() {}

  /** The connection one benchmark thread holds for the whole trial. */
  @State(Scope.Thread)
  public static class HeldForRun {
    BenchPool.Held held;
    Connection connection;

    /** Creates the state; JMH instantiates it. */
    public HeldForRun() {}

    /**
     * Borrows the connection once, before the first warmup iteration.
     *
     * @param pool the pool
     * @throws SQLException if the borrow fails (more threads than connections)
     */
    @Setup(Level.Trial)
    public void borrow(PoolState pool) throws SQLException {
      held = pool.bench.hold();
      connection = held.connection();
    }

    /**
     * Gives the connection back after the last iteration.
     *
     * @throws SQLException if the pool's close fails
     */
    @TearDown(Level.Trial)
    public void giveBack() throws SQLException {
      held.close();
    }
  }

  /**
   * Creates a statement, executes it and closes it.
   *
   * @param c the held connection
   * @return the execute result, for the blackhole
   * @throws SQLException if the pool's wrapper fails
   */
  @Benchmark
  public boolean statement(HeldForRun c) throws SQLException {
    try (Statement s = c.connection.createStatement()) {
      return s.execute(SQL);
    }
  }
}
