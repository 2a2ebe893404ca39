package io.leakproof.internal;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSite;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolDump;
import io.leakproof.PoolStats;
import io.leakproof.spi.PoolEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the pool tells about itself: the stats snapshot, the lease snapshots, the dump, lease
 * descriptions and the timeout exception with its diagnosis.
 *
 * <p>Implementation notes: no lock of its own and none taken; every count is read racily from
 * the slots and the collaborators, so a snapshot taken while the pool changes may be off by the
 * changes in flight (never by more), which only affects what is reported.
 *
 * @param <R> the resource type
 */
// Lease tokens are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
final class PoolView<R> {
  private final Settings settings;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private final Creator<R> creator;
  private final Counters counters;
  private final CallSiteTable siteTable;
  private final Diagnosis diagnosis;
  private final Listeners listeners;

  PoolView(
      Settings settings,
      SlotTable<R> slots,
      HandOff<R> handOff,
      Creator<R> creator,
      Counters counters,
      CallSiteTable siteTable,
      Diagnosis diagnosis,
      Listeners listeners) {
    this.settings = settings;
    this.slots = slots;
    this.handOff = handOff;
    this.creator = creator;
    this.counters = counters;
    this.siteTable = siteTable;
    this.diagnosis = diagnosis;
    this.listeners = listeners;
  }

  PoolStats stats() {
    int idle = 0;
    int leased = 0;
    int closing = 0;
    long acquired = counters.leasesOfClosed.get();
    for (Slot<R> s : slots.all()) {
      switch (s.state()) {
        case IDLE -> idle++;
        case LEASED, RESERVED -> leased++;
        case CLOSING -> closing++;
        case CLOSED -> {}
      }
      if (s.state() != SlotState.CLOSED) {
        acquired += s.leaseCount(); // each resource counts its own: no shared write on the hot path
      }
    }
    counters.observeLeased(leased);
    return new PoolStats(
        settings.name,
        slots.maxSize(),
        slots.minIdle(),
        slots.open(),
        idle,
        leased,
        creator.creating(),
        closing,
        handOff.waiting(),
        acquired,
        counters.waitCount.get(),
        Duration.ofNanos(counters.totalWaitNanos.get()),
        counters.timeouts.get(),
        counters.rejected.get(),
        counters.created.get(),
        counters.createFailures.get(),
        counters.closedByReason(),
        counters.leaksSuspected.get(),
        counters.leaksReclaimed.get(),
        counters.peakLeased.get());
  }

  /** Snapshots the active leases, longest-held first. */
  List<LeaseSnapshot> leaseSnapshots(long now) {
    List<LeaseSnapshot> out = new ArrayList<>();
    for (Slot<R> s : slots.all()) {
      if (s.state() == SlotState.LEASED && s.token() != null) {
        out.add(s.snapshot(now));
      }
    }
    out.sort(Comparator.comparing(LeaseSnapshot::held).reversed());
    return out;
  }

  PoolDump dump() {
    long now = settings.ticker.read();
    CreateError err = creator.lastError();
    return new PoolDump(
        settings.name,
        Instant.now(),
        stats(),
        leaseSnapshots(now),
        siteTable.snapshot(),
        err == null ? null : err.describe() + " (" + Durations.format(now - err.atNanos()) + " ago)");
  }

  /** For example {@code lease 3.17 of pool 'orders' acquired at Foo.bar(Foo.java:9)}. */
  String describeLease(Slot<R> slot, Object token) {
    String base = "lease of pool '" + settings.name + "'";
    if (slot.token() != token) {
      return base + " (ended)";
    }
    CallSite site = slot.callSite();
    return "lease "
        + slot.resourceId()
        + "."
        + (slot.leaseId() & 0xffff_ffffL)
        + " of pool '"
        + settings.name
        + "'"
        + (site == null ? "" : " acquired at " + site);
  }

  /** Counts a timeout, tells the listeners and builds the exception with its diagnosis. */
  AcquireTimeoutException timeout(long waitedNanos, long now) {
    counters.timeouts.incrementAndGet();
    PoolStats s = stats();
    List<LeaseSnapshot> holders = leaseSnapshots(now);
    CreateError err = creator.lastError();
    String message = diagnosis.timeout(waitedNanos, s, holders, err, now, siteTable.snapshot());
    List<LeaseSnapshot> top = holders.subList(0, Math.min(Diagnosis.TIMEOUT_HOLDERS, holders.size()));
    listeners.timeout(
        new PoolEvent.Timeout(settings.name, Duration.ofNanos(waitedNanos), s, top, message));
    return new AcquireTimeoutException(
        settings.name, message, err == null ? null : err.error(), Duration.ofNanos(waitedNanos), s, top);
  }
}
