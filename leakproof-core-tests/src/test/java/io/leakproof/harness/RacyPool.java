package io.leakproof.harness;

import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;

/**
 * The testkit's deliberately racy pool ({@link io.leakproof.testkit.RacyPool}: the mgo bug, check,
 * unlock, create, count) as a {@link BorrowTarget} over a {@link FakeResourceFactory}. The harness
 * must catch it exceeding its maximum; if it stops catching it, the harness is broken.
 */
public final class RacyPool implements BorrowTarget {
  /** How long a create may take; the fake factory creates at once unless told otherwise. */
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

  private final io.leakproof.testkit.RacyPool<FakeResourceFactory.Resource> pool;

  public RacyPool(FakeResourceFactory factory, int max) {
    this.pool =
        new io.leakproof.testkit.RacyPool<>(
            max, 0, () -> factory.create(CREATE_TIMEOUT), factory::destroy);
  }

  @Override
  public Handle borrow(Duration timeout) throws Exception {
    FakeResourceFactory.Resource r = pool.borrow(timeout);
    return () -> pool.giveBack(r);
  }

  @Override
  public int waiting() {
    return pool.waiting();
  }

  @Override
  public void close() {
    pool.closeIdle();
  }
}
