package io.leakproof.jdbc;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Drives garbage collection until a condition holds: how leak tests wait for the reaper. */
final class Gc {
  private Gc() {}

  /**
   * Collects and waits until the condition holds.
   *
   * @param condition what to wait for
   * @param timeout how long at most
   * @return whether it held in time
   */
  static boolean until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      System.gc();
      sleep(20);
    }
    return true;
  }

  /**
   * Waits until the condition holds, without collecting.
   *
   * @param condition what to wait for
   * @param timeout how long at most
   * @return whether it held in time
   */
  static boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      sleep(10);
    }
    return true;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
