package io.leakproof.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how many times each lease began and ended, from whatever reports them (the pool's
 * listener events, or a model), and says which leases did not end exactly once.
 */
public final class EndCounter {
  private final Map<Long, AtomicInteger> begun = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> ended = new ConcurrentHashMap<>();

  public void begun(long leaseId) {
    begun.computeIfAbsent(leaseId, k -> new AtomicInteger()).incrementAndGet();
  }

  public void ended(long leaseId) {
    ended.computeIfAbsent(leaseId, k -> new AtomicInteger()).incrementAndGet();
  }

  public int leases() {
    return begun.size();
  }

  /** Returns a description of every lease that did not begin once and end once, or "" if none. */
  public String violations() {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (Map.Entry<Long, AtomicInteger> e : begun.entrySet()) {
      AtomicInteger n = ended.get(e.getKey());
      int ends = n == null ? 0 : n.get();
      if (e.getValue().get() != 1 || ends != 1) {
        if (shown++ < 10) {
          b.append("lease ").append(e.getKey()).append(": begun ").append(e.getValue()).append(", ended ").append(ends).append('\n');
        }
      }
    }
    for (Long id : ended.keySet()) {
      if (!begun.containsKey(id) && shown++ < 10) {
        b.append("lease ").append(id).append(": ended but never begun\n");
      }
    }
    return b.toString();
  }
}
