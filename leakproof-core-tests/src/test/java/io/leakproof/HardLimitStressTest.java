package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.harness.HardLimitHarness;
import io.leakproof.harness.LeakproofTarget;
import io.leakproof.harness.RacyPool;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Promise 1: physically open resources (idle + leased + being created + being closed) never
 * exceed maxSize, under any concurrency. Guarded by a harness that also catches the mgo race.
 */
@Tag("stress")
class HardLimitStressTest {
  static final int MAX = 8;

  private static Pool<FakeResourceFactory.Resource> pool(FakeResourceFactory f) {
    return Pool.open(
        PoolConfig.builder()
            .name("hard-limit")
            .maxSize(MAX)
            .minIdle(2)
            .maxConnecting(4)
            .acquireTimeout(Duration.ofMillis(200))
            .validateAfterIdle(Duration.ofNanos(1))
            .createTimeout(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ofSeconds(2))
            .logging(false)
            .build(),
        f);
  }

  @Test
  void limitHoldsUnderThousandsOfThreadsWithChaos() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    LeakproofTarget target = new LeakproofTarget(pool(f));
    HardLimitHarness.Result r =
        HardLimitHarness.run(
            target,
            f,
            new HardLimitHarness.Plan(2_000, 32, Duration.ofSeconds(4), Duration.ofMillis(200), 300, true));
    System.out.println("leakproof: " + r);
    target.close();
    assertThat(r.borrows()).as("the harness must actually borrow").isGreaterThan(1_000);
    assertThat(r.samples()).isGreaterThan(1_000);
    assertThat(r.factoryPeak()).as("peak open resources, factory count").isLessThanOrEqualTo(MAX);
    assertThat(r.sampledPeak()).as("peak open resources, sampled").isLessThanOrEqualTo(MAX);
    assertThat(f.open()).as("everything closed after close()").isZero();
  }

  @Test
  void limitHoldsWhileThePoolClosesUnderLoad() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory().createDelay(Duration.ofMillis(1));
    Pool<FakeResourceFactory.Resource> pool = pool(f);
    LeakproofTarget target = new LeakproofTarget(pool);
    Thread closer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    TimeUnit.MILLISECONDS.sleep(700);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  pool.close();
                });
    HardLimitHarness.Result r =
        HardLimitHarness.run(
            target,
            f,
            new HardLimitHarness.Plan(1_000, 16, Duration.ofMillis(1_500), Duration.ofMillis(200), 200, false));
    closer.join();
    System.out.println("leakproof, closed under load: " + r);
    assertThat(r.factoryPeak()).isLessThanOrEqualTo(MAX);
    assertThat(r.failures()).as("borrows after close fail").isPositive();
    assertThat(f.open()).isZero();
  }

  /** The same harness, pointed at the mgo pattern, must see the limit broken. */
  @Test
  void harnessCatchesTheMgoRace() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory().createDelay(Duration.ofMillis(1));
    RacyPool racy = new RacyPool(f, MAX);
    HardLimitHarness.Result r =
        HardLimitHarness.run(
            racy,
            f,
            new HardLimitHarness.Plan(2_000, 32, Duration.ofSeconds(2), Duration.ofMillis(200), 300, false));
    System.out.println("racy pool: " + r);
    racy.close();
    assertThat(r.factoryPeak()).as("the racy pool overshoots maxSize " + MAX).isGreaterThan(MAX);
  }
}
