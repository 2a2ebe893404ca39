package example.app;

import io.leakproof.Lease;
import io.leakproof.Pool;

/**
 * Borrower code outside {@code io.leakproof}, so that call sites point here as they point at
 * application code in real use.
 */
@SuppressWarnings("MustBeClosedChecker") // these methods leak or hold on purpose
public final class Borrowers {
  private Borrowers() {}

  /** Acquires and drops the lease without closing it: a leak the pool reclaims after GC. */
  public static void leak(Pool<?> pool) {
    Lease<?> lease = pool.acquire();
    lease.get();
  }

  /** Acquires a lease and returns it open. */
  public static <R> Lease<R> hold(Pool<R> pool) {
    return pool.acquire();
  }

  /** Acquires, uses and closes properly. */
  public static void borrowAndReturn(Pool<?> pool) {
    try (Lease<?> lease = pool.acquire()) {
      lease.get();
    }
  }

  /**
   * Acquires, holds for about {@code nanos}, and closes.
   *
   * @throws InterruptedException if interrupted while holding
   */
  public static void borrowFor(Pool<?> pool, int nanos) throws InterruptedException {
    try (Lease<?> lease = pool.acquire()) {
      lease.get();
      Thread.sleep(0, nanos);
    }
  }

  /** Acquires and invalidates (the resource is closed with reason INVALIDATED). */
  public static void borrowAndInvalidate(Pool<?> pool) {
    Lease<?> lease = pool.acquire();
    lease.get();
    lease.invalidate();
  }
}
