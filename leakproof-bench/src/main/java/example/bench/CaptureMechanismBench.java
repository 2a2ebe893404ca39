package example.bench;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of a call-site capture, measured apart so that a cheaper {@code CallSiteCapture.ALL}
 * can be chosen by measurement: the stack walk to the first frame kept (no decoding), the walk
 * plus the method's name and descriptor (the key a cache of decoded sites per distinct frame
 * would need), the walk plus decoding the frame (today's capture), a {@link Throwable} filled in
 * but not decoded (what HikariCP's leak detection pays per borrow), and a Throwable decoded.
 * Each runs {@code depth} frames below the benchmark method, the frames to skip standing for the
 * pool's and the JDBC wrapper's own.
 *
 * <pre>
 * java -jar leakproof-bench/target/benchmarks.jar CaptureMechanismBench -f 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Timeout(time = 60)
public class CaptureMechanismBench {

  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

  private static final Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> FIRST_KEPT =
      CaptureMechanismBench::firstKept;

  /** Frames between the benchmark method and the capture (the pool's own, skipped). */
  @Param("8")
  public int depth;

  /** Creates the benchmark; JMH instantiates it. */
  public CaptureMechanismBench() {}

  private static StackWalker.StackFrame firstKept(Stream<StackWalker.StackFrame> frames) {
    Iterator<StackWalker.StackFrame> it = frames.iterator();
    while (it.hasNext()) {
      StackWalker.StackFrame f = it.next();
      if (f.getDeclaringClass() != Skipped.class) {
        return f;
      }
    }
    return null;
  }

  /** The frames a capture skips; a class of its own, as a skip prefix would see it. */
  static final class Skipped {
    private Skipped() {}

    static Object below(int depth, int kind) {
      if (depth > 0) {
        return below(depth - 1, kind);
      }
      return switch (kind) {
        case 0 -> WALKER.walk(FIRST_KEPT).getByteCodeIndex();
        case 1 -> {
          StackWalker.StackFrame f = WALKER.walk(FIRST_KEPT);
          yield f.getMethodName().length() + f.getDescriptor().length() + f.getByteCodeIndex();
        }
        case 2 -> WALKER.walk(FIRST_KEPT).toStackTraceElement();
        case 3 -> new Throwable();
        default -> new Throwable().getStackTrace()[depth];
      };
    }
  }

  /**
   * The walk to the first frame kept, nothing decoded.
   *
   * @return the frame's bytecode index, for the blackhole
   */
  @Benchmark
  public Object walk() {
    return Skipped.below(depth, 0);
  }

  /**
   * The walk and the frame's method name and descriptor (a per-frame cache's key).
   *
   * @return a sum of lengths, for the blackhole
   */
  @Benchmark
  public Object walkAndMethodKey() {
    return Skipped.below(depth, 1);
  }

  /**
   * The walk and the frame decoded: today's capture of a lease's call site.
   *
   * @return the frame, for the blackhole
   */
  @Benchmark
  public Object walkAndDecode() {
    return Skipped.below(depth, 2);
  }

  /**
   * A Throwable filled in, not decoded.
   *
   * @return the throwable, for the blackhole
   */
  @Benchmark
  public Object throwable() {
    return Skipped.below(depth, 3);
  }

  /**
   * A Throwable filled in and decoded.
   *
   * @return a frame, for the blackhole
   */
  @Benchmark
  public Object throwableDecoded() {
    return Skipped.below(depth, 4);
  }
}
