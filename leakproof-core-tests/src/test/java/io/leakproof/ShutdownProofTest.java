package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shutdown proves leaks instead of waiting them out: before it waits for holders, {@code close()}
 * asks for one collection and reclaims the leases whose handles were dropped, reporting them as
 * {@link LeakSignal#ABANDONED}; only live holders are waited for, and only they end as {@link
 * LeakSignal#SHUTDOWN}. The checks are on the pool's own outcome, not on wall time: a pool that
 * waited the dropped leases out would report them as shutdown closures.
 */
class ShutdownProofTest {
  private final RecordingListener rec = new RecordingListener();
  private final FakeResourceFactory factory = new FakeResourceFactory();

  private PoolConfig.Builder config() {
    return PoolConfig.builder()
        .name("proof")
        .maxSize(4)
        .minIdle(0)
        .callSiteCapture(CallSiteCapture.ALL)
        .logging(false)
        .listener(rec);
  }

  private List<PoolEvent.Leak> leaks(LeakSignal signal) {
    return rec.events(PoolEvent.Leak.class).stream().filter(l -> l.signal() == signal).toList();
  }

  @Test
  void aPoolWhoseLeasesWereAllDroppedReportsThemAsLeaksNotAsShutdownClosures() {
    // A shutdown timeout no test would sit through: waiting the leaks out would show as SHUTDOWN.
    Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().shutdownTimeout(Duration.ofMinutes(5)).build(), factory);
    for (int i = 0; i < 4; i++) {
      Borrowers.leakOne(pool);
    }
    pool.close();
    assertThat(leaks(LeakSignal.SHUTDOWN)).isEmpty();
    assertThat(leaks(LeakSignal.ABANDONED))
        .hasSize(4)
        .allSatisfy(
            l -> assertThat(l.lease().callSite()).hasToString("example.app.Borrowers.leakOne(Borrowers.java:16)"));
    assertThat(pool.stats().closed(CloseReason.LEAK_RECLAIMED)).isEqualTo(4);
    assertThat(pool.stats().closed(CloseReason.SHUTDOWN)).isZero();
    assertThat(pool.stats().leaksReclaimed()).isEqualTo(4);
    assertThat(factory.open()).isZero();
    assertThat(((RealPool<?>) pool).gcRequests()).as("one collection, asked by close").isEqualTo(1);
  }

  @Test
  void liveHoldersAreStillWaitedForUpToTheShutdownTimeoutWhileDroppedOnesAreProven() {
    Duration timeout = Duration.ofMillis(400);
    Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().shutdownTimeout(timeout).build(), factory);
    Borrowers.leakOne(pool);
    Borrowers.leakOne(pool);
    Lease<FakeResourceFactory.Resource> live = Borrowers.hold(pool);
    pool.close();
    assertThat(leaks(LeakSignal.ABANDONED)).hasSize(2);
    assertThat(leaks(LeakSignal.SHUTDOWN))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.lease().callSite()).hasToString("example.app.Borrowers.hold(Borrowers.java:22)");
              assertThat(l.lease().held()).as("waited for the live holder").isGreaterThanOrEqualTo(timeout);
            });
    assertThat(live.isActive()).isFalse();
    assertThat(factory.open()).isZero();
  }

  @Test
  void aLiveHolderThatReturnsWithinTheTimeoutEndsNormally() throws Exception {
    Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().shutdownTimeout(Duration.ofSeconds(30)).build(), factory);
    Borrowers.leakOne(pool);
    Lease<FakeResourceFactory.Resource> live = Borrowers.hold(pool);
    Thread closer = Thread.ofPlatform().start(pool::close);
    while (pool.stats().leaksReclaimed() == 0) {
      Thread.onSpinWait();
      Thread.sleep(1);
    }
    assertThat(closer.isAlive()).as("close waits for the live holder").isTrue();
    live.close();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(leaks(LeakSignal.ABANDONED)).hasSize(1);
    assertThat(leaks(LeakSignal.SHUTDOWN)).isEmpty();
    assertThat(pool.stats().closed(CloseReason.SHUTDOWN)).isEqualTo(1);
  }

  @Test
  void noCollectionIsAskedWhenCollectionsOrAbandonedDetectionAreOff() {
    for (PoolConfig.Builder b :
        List.of(
            config().gcOnExhaustion(Duration.ZERO), config().name("proof-nodetect").detectAbandoned(false))) {
      Pool<FakeResourceFactory.Resource> pool = Pool.open(b.shutdownTimeout(Duration.ofMillis(50)).build(), factory);
      Lease<FakeResourceFactory.Resource> live = Borrowers.hold(pool);
      pool.close();
      assertThat(((RealPool<?>) pool).gcRequests()).isZero();
      assertThat(live.isActive()).isFalse();
    }
  }
}
