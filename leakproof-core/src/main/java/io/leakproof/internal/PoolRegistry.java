package io.leakproof.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open pools of this JVM, for the periodic JFR statistics event and for management tools.
 * A pool registers when it opens and leaves when it closes.
 */
public final class PoolRegistry {
  private static final Set<RealPool<?>> OPEN = ConcurrentHashMap.newKeySet();

  private PoolRegistry() {}

  static void add(RealPool<?> pool) {
    OPEN.add(pool);
  }

  static void remove(RealPool<?> pool) {
    OPEN.remove(pool);
  }

  /**
   * Returns the pools open now.
   *
   * @return a copy of the set of open pools
   */
  public static List<RealPool<?>> open() {
    return List.copyOf(OPEN);
  }
}
