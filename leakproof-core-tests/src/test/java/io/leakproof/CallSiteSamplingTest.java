package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sampled call-site capture is random from a resource's first lease: a new resource's first lease
 * is sampled like any other (a countdown starting at zero sampled every one, and with it every
 * statement of a connection held for a whole job), and the rate is kept on average.
 */
class CallSiteSamplingTest {

  private static PoolConfig sampled(int maxSize, int rate) {
    return PoolConfig.builder()
        .name("sampling")
        .maxSize(maxSize)
        .callSiteCapture(CallSiteCapture.SAMPLED)
        .callSiteSampleRate(rate)
        .slowAcquireThreshold(Duration.ZERO)
        .acquireTimeout(Duration.ofSeconds(10))
        .logging(false)
        .build();
  }

  private static long sampledLeases(Pool<?> pool) {
    return pool.callSiteStats().stream().mapToLong(CallSiteStats::leases).sum();
  }

  /**
   * 64 first leases of 64 new resources at the default rate: about 64 / 8191 are expected to be
   * sampled (more than 3 has a probability below 1e-6); the countdown starting at zero sampled
   * all 64.
   */
  @Test
  @SuppressWarnings("MustBeClosedChecker") // every resource held at once, then all closed
  void firstLeaseOfANewResourceIsNotAlwaysSampled() {
    int n = 64;
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(sampled(n, PoolConfig.DEFAULT_CALL_SITE_SAMPLE_RATE), new FakeResourceFactory())) {
      List<Lease<FakeResourceFactory.Resource>> held = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        held.add(pool.acquire());
      }
      assertThat(pool.stats().leased()).isEqualTo(n);
      held.forEach(Lease::close);
      assertThat(sampledLeases(pool)).isLessThanOrEqualTo(3);
    }
  }

  /** A rate of 1 samples every lease, the first included. */
  @Test
  void rateOneSamplesEveryLease() {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(sampled(4, 1), new FakeResourceFactory())) {
      for (int i = 0; i < 100; i++) {
        try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
          lease.get();
        }
      }
      assertThat(sampledLeases(pool)).isEqualTo(100);
    }
  }

  /**
   * One lease in the rate on average: 20,000 leases at 1 in 8 sample 2,500 (the gaps are uniform
   * in 1..15, so the count's standard deviation is about 20; the bounds are over 10 of them).
   */
  @Test
  void rateIsKeptOnAverage() {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(sampled(1, 8), new FakeResourceFactory())) {
      for (int i = 0; i < 20_000; i++) {
        try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
          lease.get();
        }
      }
      assertThat(sampledLeases(pool)).isBetween(2_250L, 2_750L);
    }
  }
}
