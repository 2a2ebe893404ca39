package io.leakproof.harness;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A deliberately unfair pool of one permit: a returned permit is simply made available (a
 * newcomer who asks first takes it, overtaking the waiters), and the waiter woken is the most
 * recent one (a stack, not a queue). The FIFO harness must catch both.
 */
public final class UnfairPool implements BorrowTarget {
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Thread> stack = new ArrayDeque<>();
  private int permits;

  public UnfairPool(int permits) {
    this.permits = permits;
  }

  @Override
  public Handle borrow(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread me = Thread.currentThread();
    boolean queued = false;
    try {
      while (true) {
        lock.lock();
        try {
          if (permits > 0) { // barging: no check for waiters
            permits--;
            return this::giveBack;
          }
          if (!queued) {
            stack.push(me);
            queued = true;
          }
        } finally {
          lock.unlock();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("unfair pool: timed out");
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      if (queued) {
        lock.lock();
        try {
          stack.remove(me);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private void giveBack() {
    Thread next;
    lock.lock();
    try {
      permits++;
      next = stack.peek(); // the newest waiter
    } finally {
      lock.unlock();
    }
    if (next != null) {
      LockSupport.unpark(next);
    }
  }

  @Override
  public int waiting() {
    lock.lock();
    try {
      return stack.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {}
}
