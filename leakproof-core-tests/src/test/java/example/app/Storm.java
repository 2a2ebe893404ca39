package example.app;

import io.leakproof.Lease;
import io.leakproof.Pool;

/** A workload in which some borrowers forget to close (application code: outside io.leakproof). */
@SuppressWarnings("MustBeClosedChecker") // forgetful() leaks on purpose
public final class Storm {
  private Storm() {}

  /** The buggy path: acquires and forgets. */
  public static void forgetful(Pool<?> pool) {
    Lease<?> lease = pool.acquire(); // Storm.java:14
    lease.get();
  }

  /** The correct path. */
  public static void careful(Pool<?> pool) {
    try (Lease<?> lease = pool.acquire()) { // Storm.java:20
      lease.get();
    }
  }
}
