package example.app;

import io.leakproof.Lease;
import io.leakproof.Pool;

/**
 * Borrower code living outside {@code io.leakproof}, so that call sites point here, as they
 * point at application code in real use. Line numbers matter to tests: they assert on them.
 */
@SuppressWarnings("MustBeClosedChecker") // these methods leak on purpose
public final class Borrowers {
  private Borrowers() {}

  /** Acquires and drops the lease without closing it. */
  public static void leakOne(Pool<?> pool) {
    Lease<?> lease = pool.acquire(); // line 16: the leak's call site
    lease.get();
  }

  /** Acquires a lease and returns it open. */
  public static <R> Lease<R> hold(Pool<R> pool) {
    return pool.acquire(); // line 22
  }

  /** Acquires, uses and closes properly. */
  public static void borrowAndReturn(Pool<?> pool) {
    try (Lease<?> lease = pool.acquire()) { // line 27
      lease.get();
    }
  }
}
