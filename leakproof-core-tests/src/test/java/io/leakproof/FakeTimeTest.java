package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.FakeTicker;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Timed behaviour on fake time: the pool's clock moves only when the test moves it, and
 * maintenance runs only when the test calls {@link RealPool#sweep}, and the pool's background
 * work (creations, destroys, keepalive checks) runs on the calling thread through the executor
 * setting, so every step is finished when the call that started it returns: nothing sleeps or
 * polls. Only the hung-creation test keeps a real worker thread (a hung factory call needs one)
 * and waits for it, boundedly.
 */
@SuppressWarnings("MustBeClosedChecker") // leases are held across steps on purpose
class FakeTimeTest {
  final FakeTicker time = new FakeTicker();
  final FakeResourceFactory factory = new FakeResourceFactory();
  final RecordingListener rec = new RecordingListener();

  PoolConfig.Builder config() {
    return PoolConfig.builder()
        .name("faketime")
        .ticker(time)
        .housekeeping(false)
        .executor(Runnable::run) // background work runs inside the call that starts it
        .maxSize(3)
        .minIdle(0)
        .acquireTimeout(Duration.ofSeconds(5))
        .shutdownTimeout(Duration.ofMillis(100))
        .callSiteCapture(CallSiteCapture.ALL)
        .logging(false)
        .jfr(false)
        .listener(rec);
  }

  static RealPool<FakeResourceFactory.Resource> real(Pool<FakeResourceFactory.Resource> p) {
    return (RealPool<FakeResourceFactory.Resource>) p;
  }

  /** Checks a condition that the direct executor made true before the call under test returned. */
  static void expect(BooleanSupplier condition, String what) {
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /** Waits, boundedly, for work on a real worker thread (the hung-creation test only). */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  @Test
  void leaseHeldPastTheThresholdIsReportedOnceAndFollowedUpWhenItComesBack() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().leakWarningThreshold(Duration.ofSeconds(60)).build(), factory)) {
      Lease<FakeResourceFactory.Resource> lease = Borrowers.hold(pool);
      time.advance(Duration.ofSeconds(59));
      real(pool).sweep(time.read());
      assertThat(rec.events(RecordingListener.Suspected.class)).isEmpty();

      time.advance(Duration.ofSeconds(2));
      real(pool).sweep(time.read());
      real(pool).sweep(time.read());
      time.advance(Duration.ofSeconds(30));
      real(pool).sweep(time.read());
      assertThat(rec.events(RecordingListener.Suspected.class))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.leak().signal()).isEqualTo(LeakSignal.HELD_TOO_LONG);
                assertThat(s.leak().lease().held()).isEqualTo(Duration.ofSeconds(61));
                assertThat(s.leak().message())
                    .contains("Possible leak in pool 'faketime'")
                    .contains("held for 61.0 s")
                    .contains("acquired at example.app.Borrowers.hold(Borrowers.java:22)");
              });
      assertThat(pool.stats().leaksSuspected()).isEqualTo(1);

      lease.close();
      assertThat(rec.events(RecordingListener.Returned.class))
          .singleElement()
          .satisfies(
              r -> assertThat(r.leak().message()).contains("came back after 91.0 s: slow, not leaked"));
      // Still a healthy resource: it goes back to the pool.
      assertThat(pool.stats().idle()).isEqualTo(1);
    }
  }

  @Test
  void leaseHeldPastMaxHoldTimeIsReclaimedAndItsHandleFailsAfterwards() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config()
                .leakWarningThreshold(Duration.ZERO)
                .maxHoldTime(Duration.ofMinutes(5))
                .build(),
            factory)) {
      Lease<FakeResourceFactory.Resource> lease = Borrowers.hold(pool);
      time.advance(Duration.ofMinutes(5));
      real(pool).sweep(time.read());
      assertThat(rec.events(PoolEvent.Leak.class))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.signal()).isEqualTo(LeakSignal.HOLD_LIMIT);
                assertThat(l.message()).contains("passed maxHoldTime (5.0 min)");
              });
      assertThat(lease.isActive()).isFalse();
      assertThatThrownBy(lease::get)
          .isInstanceOf(LeaseEndedException.class)
          .hasMessageContaining("reclaimed by the pool: held longer than maxHoldTime");
      lease.close(); // a late close is harmless
      expect(() -> pool.stats().closed(CloseReason.HOLD_LIMIT) == 1, "the reclaimed resource closed");
      assertThat(pool.stats().leaksReclaimed()).isEqualTo(1);
      assertThat(factory.open()).isZero();
    }
  }

  @Test
  void idleResourcesAreClosedAfterIdleTimeoutDownToMinIdle() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().minIdle(1).idleTimeout(Duration.ofMinutes(10)).build(), factory)) {
      expect(() -> pool.stats().idle() == 1, "minIdle filled");
      Lease<FakeResourceFactory.Resource> a = pool.acquire();
      Lease<FakeResourceFactory.Resource> b = pool.acquire();
      Lease<FakeResourceFactory.Resource> c = pool.acquire();
      a.close();
      b.close();
      c.close();
      assertThat(pool.stats().idle()).isEqualTo(3);
      time.advance(Duration.ofMinutes(9));
      real(pool).sweep(time.read());
      assertThat(pool.stats().open()).isEqualTo(3);
      // That sweep also ran keepalive validations (idle > 2 min).
      expect(() -> factory.validations() == 3 && pool.stats().idle() == 3, "keepalive done");
      time.advance(Duration.ofMinutes(2));
      real(pool).sweep(time.read());
      expect(() -> pool.stats().open() == 1, "idle resources beyond minIdle closed");
      assertThat(pool.stats().closed(CloseReason.IDLE_TIMEOUT)).isEqualTo(2);
    }
  }

  @Test
  void resourcesAreRetiredAtTheirJitteredLifetime() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config()
                .minIdle(3)
                .idleTimeout(Duration.ZERO)
                .keepaliveTime(Duration.ZERO)
                .maxLifetime(Duration.ofMinutes(30))
                .maxLifetimeJitter(0.1)
                .build(),
            factory)) {
      expect(() -> pool.stats().idle() == 3, "minIdle filled");
      time.advance(Duration.ofMinutes(26)); // before any lifetime can end (30 min - 10%)
      real(pool).sweep(time.read());
      assertThat(pool.stats().closed(CloseReason.LIFETIME)).isZero();
      Lease<FakeResourceFactory.Resource> held = pool.acquire();
      time.advance(Duration.ofMinutes(5)); // past every lifetime
      real(pool).sweep(time.read());
      expect(() -> pool.stats().closed(CloseReason.LIFETIME) == 2, "idle ones retired");
      held.close(); // a leased one is retired when it comes back
      expect(() -> pool.stats().closed(CloseReason.LIFETIME) == 3, "the leased one retired on return");
      real(pool).sweep(time.read());
      expect(() -> pool.stats().idle() == 3, "replaced up to minIdle");
    }
  }

  @Test
  void idleResourcesAreValidatedByKeepaliveAndOnBorrowAfterAnIdlePeriod() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config()
                .minIdle(1)
                .maxSize(1)
                .idleTimeout(Duration.ZERO)
                .keepaliveTime(Duration.ofMinutes(2))
                .validateAfterIdle(Duration.ofMillis(500))
                .build(),
            factory)) {
      expect(() -> pool.stats().idle() == 1, "minIdle filled");
      try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
        assertThat(l.get()).isNotNull();
      }
      assertThat(factory.validations()).as("fresh: no validation on borrow").isZero();
      time.advance(Duration.ofSeconds(1));
      try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
        assertThat(l.get()).isNotNull();
      }
      assertThat(factory.validations()).as("idle 1 s > 500 ms: validated").isEqualTo(1);
      time.advance(Duration.ofMinutes(3));
      factory.failValidation(true);
      real(pool).sweep(time.read());
      expect(() -> pool.stats().closed(CloseReason.VALIDATION_FAILED) == 1, "keepalive closed it");
      factory.failValidation(false);
      real(pool).sweep(time.read());
      expect(() -> pool.stats().idle() == 1, "replaced");
    }
  }

  @Test
  void afterOneResourceIsFoundBrokenEveryOtherIsValidatedBeforeItsNextLend() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().minIdle(3).validateAfterIdle(Duration.ofMinutes(5)).build(), factory)) {
      expect(() -> pool.stats().idle() == 3, "minIdle filled");
      try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
        l.get();
      }
      assertThat(factory.validations()).as("idle < 5 min: no validation").isZero();
      Lease<FakeResourceFactory.Resource> failing = pool.acquire();
      time.advance(Duration.ofMillis(1)); // the failure happens after the idle ones last worked
      assertThat(failing.reportFailure(new java.io.IOException("connection reset"))).isTrue();
      factory.failValidation(true); // what broke one broke them all
      try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
        assertThat(l.get()).isNotNull(); // a fresh one: the two suspects failed validation
      }
      assertThat(factory.validations()).isEqualTo(2);
      expect(
          () -> pool.stats().closed(CloseReason.VALIDATION_FAILED) == 2,
          "both suspects closed");
      failing.close();
      expect(() -> pool.stats().closed(CloseReason.BROKEN) == 1, "the broken one closed on return");
    }
  }

  /**
   * A resource that was leased when another was found broken, and comes back afterwards, is not
   * proven alive by its return: its borrower's last call may have run before the failure (a
   * network cut breaks it too). It is validated before its next lend. The first version counted
   * the return as proof, and a CI run of PostgresFailureRecoveryIT lent such a connection dead.
   */
  @Test
  void aResourceReturnedAfterAFailureIsValidatedBeforeItsNextLend() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().maxSize(2).validateAfterIdle(Duration.ofMinutes(5)).build(), factory)) {
      Lease<FakeResourceFactory.Resource> heldThrough = pool.acquire();
      FakeResourceFactory.Resource maybeDead = heldThrough.get();
      Lease<FakeResourceFactory.Resource> failing = pool.acquire();
      time.advance(Duration.ofMillis(1));
      assertThat(failing.reportFailure(new java.io.IOException("connection reset"))).isTrue();
      failing.close();
      time.advance(Duration.ofMillis(1));
      heldThrough.close(); // returned after the failure, without an error of its own
      factory.failValidation(true); // what broke one broke them all
      try (Lease<FakeResourceFactory.Resource> next = pool.acquire()) {
        assertThat(next.get()).as("the resource held through the failure").isNotEqualTo(maybeDead);
      }
      assertThat(factory.validations()).as("validations before the lend").isEqualTo(1);
      expect(
          () -> pool.stats().closed(CloseReason.VALIDATION_FAILED) == 1,
          "the one held through the failure closed");
    }
  }

  @Test
  void softEvictClosesIdleNowAndLeasedOnReturn() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().minIdle(2).build(), factory)) {
      expect(() -> pool.stats().idle() == 2, "minIdle filled");
      Lease<FakeResourceFactory.Resource> held = pool.acquire();
      FakeResourceFactory.Resource old = held.get();
      pool.softEvict();
      expect(() -> pool.stats().closed(CloseReason.EVICTED) == 1, "idle one evicted");
      held.close();
      expect(() -> pool.stats().closed(CloseReason.EVICTED) == 2, "leased one evicted on return");
      try (Lease<FakeResourceFactory.Resource> fresh = pool.acquire()) {
        assertThat(fresh.get()).isNotEqualTo(old);
      }
    }
  }

  @Test
  void resizeShrinksToTheNewLimitAsLeasesEndAndGrowsForWaiters() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().maxSize(3).build(), factory)) {
      Lease<FakeResourceFactory.Resource> a = pool.acquire();
      Lease<FakeResourceFactory.Resource> b = pool.acquire();
      Lease<FakeResourceFactory.Resource> c = pool.acquire();
      pool.resize(0, 1);
      assertThat(pool.config().maxSize()).isEqualTo(1);
      a.close();
      b.close();
      expect(() -> pool.stats().closed(CloseReason.RESIZED) == 2, "shrunk as leases came back");
      assertThat(factory.open()).isEqualTo(1);
      assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(AcquireTimeoutException.class);
      pool.resize(0, 2);
      try (Lease<FakeResourceFactory.Resource> d = pool.acquire()) {
        assertThat(d.get()).isNotNull();
      }
      c.close();
      assertThatThrownBy(() -> pool.resize(0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be >= 1 but was 0");
      assertThatThrownBy(() -> pool.resize(3, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minIdle must be between 0 and maxSize (2) but was 3");
    }
  }

  @Test
  void aHungCreateKeepsItsSlotButDoesNotStopOtherCreations() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config()
                .executor(null) // a hung creation needs a thread of its own
                .maxSize(2)
                .maxConnecting(1)
                .createTimeout(Duration.ofSeconds(10))
                .acquireTimeout(Duration.ofSeconds(30))
                .build(),
            factory)) {
      factory.hangCreates();
      Thread first =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
                      l.get();
                    }
                  });
      await(() -> factory.attempts() == 1, "first creation started and hangs");
      assertThat(pool.stats().connecting()).isEqualTo(1);
      real(pool).sweep(time.read());
      assertThat(factory.attempts()).as("maxConnecting 1: nothing else starts").isEqualTo(1);

      time.advance(Duration.ofSeconds(11));
      real(pool).sweep(time.read());
      assertThat(rec.events(PoolEvent.CreateFailed.class))
          .singleElement()
          .satisfies(e -> assertThat(e.timedOut()).isTrue());
      await(() -> factory.attempts() == 2, "past its deadline, the hung creation lets another start");
      assertThat(pool.stats().connecting()).as("both still hold their slot").isEqualTo(2);
      assertThat(pool.stats().open()).isEqualTo(2);

      time.advance(Duration.ofSeconds(11));
      real(pool).sweep(time.read());
      assertThat(factory.attempts()).as("maxSize 2: both slots are held by hung creations").isEqualTo(2);

      factory.releaseHungCreates();
      first.join(5_000);
      assertThat(first.isAlive()).isFalse();
      assertThat(factory.peak()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void creationFailuresReachTheTimeoutMessage() throws Exception {
    factory.failCreates(true);
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().acquireTimeout(Duration.ZERO).build(), factory)) {
      // The first acquisition starts a creation, which fails.
      assertThatThrownBy(pool::acquire).isInstanceOf(AcquireTimeoutException.class);
      expect(() -> pool.stats().createFailures() >= 1, "creation failed");
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .hasMessageContaining("creation error")
          .hasMessageContaining("fake: connection refused")
          .hasMessageContaining("Next step: the pool cannot create fake resources")
          .hasCauseInstanceOf(java.net.ConnectException.class);
    }
  }
}
