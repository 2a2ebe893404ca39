package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.harness.FifoHarness;
import io.leakproof.harness.LeakproofTarget;
import io.leakproof.harness.UnfairPool;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Promise 2: the longest waiter is served first, and a newcomer never overtakes a waiter. */
class FifoTest {

  private static LeakproofTarget onePermitPool() {
    return new LeakproofTarget(
        Pool.open(
            PoolConfig.builder()
                .name("fifo")
                .maxSize(1)
                .minIdle(1)
                .acquireTimeout(Duration.ofSeconds(20))
                .logging(false)
                .build(),
            new FakeResourceFactory()));
  }

  @Test
  void waitersAreServedInArrivalOrderOnVirtualThreads() throws Exception {
    try (LeakproofTarget pool = onePermitPool()) {
      List<Integer> order = FifoHarness.serviceOrder(pool, 200, true);
      assertThat(order).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
    }
  }

  @Test
  void waitersAreServedInArrivalOrderOnPlatformThreads() throws Exception {
    try (LeakproofTarget pool = onePermitPool()) {
      List<Integer> order = FifoHarness.serviceOrder(pool, 50, false);
      assertThat(order).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
    }
  }

  @Test
  void aNewcomerNeverOvertakesAWaiter() throws Exception {
    try (LeakproofTarget pool = onePermitPool()) {
      assertThat(FifoHarness.overtakes(pool, 20, 20)).isZero();
    }
  }

  /** The same checks catch a pool that serves the newest waiter and lets newcomers barge. */
  @Test
  void harnessCatchesAnUnfairPool() throws Exception {
    List<Integer> order = FifoHarness.serviceOrder(new UnfairPool(1), 20, false);
    assertThat(order).isNotEqualTo(IntStream.range(0, 20).boxed().toList());
    assertThat(FifoHarness.overtakes(new UnfairPool(1), 10, 10)).isPositive();
  }
}
