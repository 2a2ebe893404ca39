package io.leakproof.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Asks for collections until a condition holds, within a bounded deadline (no fixed sleeps). */
final class Gc {
  private Gc() {}

  static boolean until(BooleanSupplier done, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      System.gc();
      // The engine's reaper thread processes the reference queue: give it a moment per round.
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
    }
    return true;
  }
}
