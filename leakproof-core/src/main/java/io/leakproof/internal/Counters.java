package io.leakproof.internal;

import io.leakproof.CloseReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lifetime counters of one pool. None is written on the hot path: leases granted are counted
 * by each resource ({@code Slot.leaseCount}) and summed on demand, with {@link #leasesOfClosed}
 * keeping the counts of resources already closed; the rest change on slow paths only.
 */
final class Counters {
  final AtomicLong leasesOfClosed = new AtomicLong();
  final AtomicLong waitCount = new AtomicLong();
  final AtomicLong totalWaitNanos = new AtomicLong();
  final AtomicLong timeouts = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong created = new AtomicLong();
  final AtomicLong createFailures = new AtomicLong();
  final AtomicLong leaksSuspected = new AtomicLong();
  final AtomicLong leaksReclaimed = new AtomicLong();
  final AtomicInteger peakLeased = new AtomicInteger();
  private final Map<CloseReason, AtomicLong> closed = new EnumMap<>(CloseReason.class);

  Counters() {
    for (CloseReason r : CloseReason.values()) {
      closed.put(r, new AtomicLong());
    }
  }

  void closed(CloseReason reason) {
    closed.get(reason).incrementAndGet();
  }

  Map<CloseReason, Long> closedByReason() {
    Map<CloseReason, Long> m = new EnumMap<>(CloseReason.class);
    closed.forEach((r, n) -> m.put(r, n.get()));
    return m;
  }

  void observeLeased(int leased) {
    int peak = peakLeased.get();
    while (leased > peak && !peakLeased.compareAndSet(peak, leased)) {
      peak = peakLeased.get();
    }
  }
}
