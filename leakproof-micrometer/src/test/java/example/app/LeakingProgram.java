package example.app;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteCapture;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.testkit.FakeResourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;

/**
 * A small program that leaks, recorded with JFR: the source of the {@code jfr print} example in
 * docs/observability.md. JfrRecordingTest runs it and writes
 * {@code leakproof-micrometer/target/jfr/leaking-program.jfr}; then
 * {@code jfr print --categories Leakproof leakproof-micrometer/target/jfr/leaking-program.jfr}.
 */
@SuppressWarnings("MustBeClosedChecker") // leaks and holds on purpose
public final class LeakingProgram {
  private LeakingProgram() {}

  /** The Leakproof JFR events (all in the "Leakproof" category). */
  public static final List<String> EVENTS =
      List.of(
          "leakproof.AcquireSlow",
          "leakproof.AcquireTimeout",
          "leakproof.LeakSuspected",
          "leakproof.LeakReclaimed",
          "leakproof.ResourceCreated",
          "leakproof.CreateFailed",
          "leakproof.ResourceClosed",
          "leakproof.PoolStatistics");

  /**
   * Runs the program and writes the recording.
   *
   * @param args the recording's path
   * @throws Exception if the program fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (Recording recording = new Recording()) {
      for (String e : EVENTS) {
        recording.enable(e).withPeriod(Duration.ofSeconds(1));
      }
      recording.start();
      run();
      recording.stop();
      recording.dump(out);
    }
  }

  private static void run() throws Exception {
    FakeResourceFactory factory = new FakeResourceFactory();
    PoolConfig config =
        PoolConfig.builder()
            .name("demo")
            .maxSize(2)
            .minIdle(0)
            .acquireTimeout(Duration.ofSeconds(2))
            .slowAcquireThreshold(Duration.ofMillis(50))
            .leakWarningThreshold(Duration.ofMillis(500))
            .callSiteCapture(CallSiteCapture.ALL)
            .gcOnExhaustion(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ofMillis(100))
            .logging(false)
            .build();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config, factory)) {
      useAndReturn(pool);
      holdTooLong(pool); // LeakSuspected
      exhaust(pool); // AcquireTimeout and AcquireSlow
      leakAConnection(pool); // LeakReclaimed, after the GC below
      for (int i = 0; i < 500 && pool.stats().leaksReclaimed() == 0; i++) { // at most 10 s
        System.gc();
        Thread.sleep(20);
      }
      Thread.sleep(1_100); // one PoolStatistics period
    } // ResourceClosed (SHUTDOWN)
  }

  private static void useAndReturn(Pool<FakeResourceFactory.Resource> pool) {
    try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
      lease.get();
    }
  }

  private static void holdTooLong(Pool<FakeResourceFactory.Resource> pool) throws InterruptedException {
    try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
      lease.get();
      // Past leakWarningThreshold until the pool's next sweep reports it (bounded: 5 s).
      for (int i = 0; i < 250 && pool.stats().leaksSuspected() == 0; i++) {
        Thread.sleep(20);
      }
    }
  }

  private static void leakAConnection(Pool<FakeResourceFactory.Resource> pool) {
    Lease<FakeResourceFactory.Resource> lease = pool.acquire(); // never closed
    lease.get();
  }

  private static void exhaust(Pool<FakeResourceFactory.Resource> pool) throws Exception {
    Lease<FakeResourceFactory.Resource> a = pool.acquire();
    Lease<FakeResourceFactory.Resource> b = pool.acquire();
    try {
      Lease<FakeResourceFactory.Resource> c = pool.acquire(Duration.ofMillis(100));
      c.close();
    } catch (AcquireTimeoutException expected) {
      // recorded as leakproof.AcquireTimeout
    }
    Thread releaser =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  a.close();
                });
    try (Lease<FakeResourceFactory.Resource> slow = pool.acquire()) { // waits ~100 ms
      slow.get();
    }
    releaser.join();
    b.close();
  }
}
