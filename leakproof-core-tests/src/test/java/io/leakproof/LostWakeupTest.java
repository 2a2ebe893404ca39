package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.harness.LeakproofTarget;
import io.leakproof.harness.LostWakeupPool;
import io.leakproof.harness.QuietHandOffHarness;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise 2 in the quiet moment: one waiter, one release, nothing else running. A waiter must
 * never sleep until its timeout while a resource sits idle. Regression test for the lost wake-up
 * in which the enqueuing waiter published its count only after scanning for idle slots.
 */
class LostWakeupTest {
  // Long enough that a releasing thread descheduled on a loaded machine rarely outlasts it (such
  // rounds count as late releases, not failures); each lost wake-up of a broken pool costs one.
  private static final Duration WAITER_TIMEOUT = Duration.ofMillis(500);

  private static Pool<FakeResourceFactory.Resource> quietPool(int size) {
    return Pool.open(
        PoolConfig.builder()
            .name("quiet")
            .maxSize(size)
            .minIdle(size)
            .acquireTimeout(Duration.ofSeconds(5))
            // Nothing in the background: no signal may rescue a lost waiter.
            .leakWarningThreshold(Duration.ZERO)
            .detectAbandoned(false)
            .callSiteCapture(CallSiteCapture.OFF)
            .logging(false)
            .jfr(false)
            .build(),
        new FakeResourceFactory());
  }

  @ParameterizedTest(name = "maxSize {0}")
  @ValueSource(ints = {1, 4, 10})
  void aSingleReleaseAlwaysReachesTheSingleWaiter(int size) throws Exception {
    try (LeakproofTarget pool = new LeakproofTarget(quietPool(size))) {
      QuietHandOffHarness.Result r =
          QuietHandOffHarness.run(pool, size, 20_000, Duration.ofSeconds(8), WAITER_TIMEOUT, 20_000, 1);
      assertThat(r.lostWakeUps())
          .as("waiters that timed out in %d rounds: %s", r.rounds(), r.firstErrors())
          .isZero();
      assertThat(r.rounds()).as("rounds run").isGreaterThan(200);
    }
  }

  /** The same harness catches the wrong order: it is able to fail. */
  @Test
  void harnessCatchesAPoolThatPublishesItsWaiterAfterTheScan() throws Exception {
    LostWakeupPool broken = new LostWakeupPool(1);
    QuietHandOffHarness.Result r =
        QuietHandOffHarness.run(broken, 1, 1_000_000, Duration.ofSeconds(20), WAITER_TIMEOUT, 20_000, 1);
    assertThat(r.lostWakeUps()).as("lost wake-ups in %d rounds", r.rounds()).isPositive();
  }
}
