package io.leakproof.harness;

import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A deliberately racy pool with the bug of Go's old mgo driver: it checks {@code live < max}
 * under the lock, unlocks, creates, and only then counts the new resource. Concurrent callers all
 * pass the check before any of them counts, so the limit does not hold. The harness must catch
 * this; if it stops catching it, the harness is broken.
 */
public final class RacyPool implements BorrowTarget {
  private final FakeResourceFactory factory;
  private final int max;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final ArrayDeque<FakeResourceFactory.Resource> idle = new ArrayDeque<>();
  private int live; // guarded by lock
  private int waiting; // guarded by lock

  public RacyPool(FakeResourceFactory factory, int max) {
    this.factory = factory;
    this.max = max;
  }

  @Override
  public Handle borrow(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean mayCreate;
      lock.lock();
      try {
        FakeResourceFactory.Resource r = idle.poll();
        if (r != null) {
          return () -> giveBack(r);
        }
        mayCreate = live < max; // check...
      } finally {
        lock.unlock(); // ...unlock...
      }
      if (mayCreate) {
        FakeResourceFactory.Resource r = factory.create(timeout); // ...create...
        lock.lock();
        try {
          live++; // ...then count: too late.
        } finally {
          lock.unlock();
        }
        return () -> giveBack(r);
      }
      lock.lock();
      try {
        waiting++;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("racy pool: timed out");
        }
        returned.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
      } finally {
        waiting--;
        lock.unlock();
      }
    }
  }

  private void giveBack(FakeResourceFactory.Resource r) {
    lock.lock();
    try {
      idle.push(r);
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      for (FakeResourceFactory.Resource r = idle.poll(); r != null; r = idle.poll()) {
        factory.destroy(r);
        live--;
      }
    } finally {
      lock.unlock();
    }
  }
}
