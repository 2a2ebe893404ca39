package example.app;

import io.leakproof.Lease;
import io.leakproof.Pool;

/** Two dozen distinct acquisition call sites (one per case), for the bounded call-site tags. */
@SuppressWarnings("MustBeClosedChecker") // site(pool, n, false) leaks on purpose
public final class ManySites {
  /** How many distinct call sites {@link #borrow} has. */
  public static final int COUNT = 24;

  private ManySites() {}

  /**
   * Acquires at call site {@code n} and closes the lease, or leaks it when {@code leak}.
   *
   * @param pool the pool
   * @param n which call site, 0 to {@link #COUNT} - 1
   * @param leak whether to drop the lease without closing it
   */
  public static void borrow(Pool<?> pool, int n, boolean leak) {
    Lease<?> l =
        switch (n) {
          case 0 -> pool.acquire();
          case 1 -> pool.acquire();
          case 2 -> pool.acquire();
          case 3 -> pool.acquire();
          case 4 -> pool.acquire();
          case 5 -> pool.acquire();
          case 6 -> pool.acquire();
          case 7 -> pool.acquire();
          case 8 -> pool.acquire();
          case 9 -> pool.acquire();
          case 10 -> pool.acquire();
          case 11 -> pool.acquire();
          case 12 -> pool.acquire();
          case 13 -> pool.acquire();
          case 14 -> pool.acquire();
          case 15 -> pool.acquire();
          case 16 -> pool.acquire();
          case 17 -> pool.acquire();
          case 18 -> pool.acquire();
          case 19 -> pool.acquire();
          case 20 -> pool.acquire();
          case 21 -> pool.acquire();
          case 22 -> pool.acquire();
          case 23 -> pool.acquire();
          default -> throw new IllegalArgumentException("site " + n);
        };
    l.get();
    if (!leak) {
      l.close();
    }
  }
}
