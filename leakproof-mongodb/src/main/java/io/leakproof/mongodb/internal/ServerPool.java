package io.leakproof.mongodb.internal;

import com.mongodb.event.ConnectionClosedEvent;
import io.leakproof.mongodb.MongoPoolStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one server's connection pool, fed by {@link CheckoutTracker}. Every field is
 * an atomic updated from the driver's listener callbacks on any thread; a snapshot reads them
 * one by one; the EnumMap is filled in the constructor and only read afterwards, (each value exact, the set not atomic, as with the JDBC pool's stats).
 */
final class ServerPool {
  /** A checkout that waited at least this long counts in {@code waitCount}. */
  static final long WAITED_NANOS = 1_000_000L;

  final String address;
  volatile int maxSize;
  final AtomicInteger alive = new AtomicInteger();
  final AtomicInteger inUse = new AtomicInteger();
  final AtomicInteger connecting = new AtomicInteger();
  final AtomicInteger waiting = new AtomicInteger();
  final AtomicInteger peakInUse = new AtomicInteger();
  final LongAdder checkouts = new LongAdder();
  final LongAdder waitCount = new LongAdder();
  final LongAdder totalWaitNanos = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder checkoutErrors = new LongAdder();
  final LongAdder created = new LongAdder();
  final LongAdder leaksSuspected = new LongAdder();
  final LongAdder cursorLeaks = new LongAdder();
  private final EnumMap<ConnectionClosedEvent.Reason, LongAdder> closed =
      new EnumMap<>(ConnectionClosedEvent.Reason.class);
  final WaitHistogram waits = new WaitHistogram();

  ServerPool(String address) {
    this.address = address;
    for (ConnectionClosedEvent.Reason r : ConnectionClosedEvent.Reason.values()) {
      closed.put(r, new LongAdder());
    }
  }

  void checkedOut(long waitNanos) {
    checkouts.increment();
    totalWaitNanos.add(waitNanos);
    if (waitNanos >= WAITED_NANOS) {
      waitCount.increment();
    }
    waits.record(waitNanos);
    int n = inUse.incrementAndGet();
    peakInUse.accumulateAndGet(n, Math::max);
  }

  void closed(ConnectionClosedEvent.Reason reason) {
    closed.get(reason).increment();
  }

  long closedCount(ConnectionClosedEvent.Reason reason) {
    return closed.get(reason).sum();
  }

  static String reasonTag(ConnectionClosedEvent.Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  MongoPoolStats stats(long cursorsOpen, long cursorLeaks, long sessionLeaks) {
    Map<String, Long> byReason = new TreeMap<>();
    for (ConnectionClosedEvent.Reason r : ConnectionClosedEvent.Reason.values()) {
      byReason.put(reasonTag(r), closedCount(r));
    }
    int a = alive.get();
    int u = inUse.get();
    int c = connecting.get();
    return new MongoPoolStats(
        maxSize,
        a,
        u,
        Math.max(0, a - u - c),
        c,
        waiting.get(),
        peakInUse.get(),
        checkouts.sum(),
        waitCount.sum(),
        Duration.ofNanos(totalWaitNanos.sum()),
        waits.percentile(0.50),
        waits.percentile(0.99),
        waits.max(),
        timeouts.sum(),
        checkoutErrors.sum(),
        created.sum(),
        byReason,
        leaksSuspected.sum(),
        cursorsOpen,
        cursorLeaks,
        sessionLeaks);
  }
}
