package io.leakproof.micrometer;

import io.leakproof.CloseReason;
import io.leakproof.PoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Registers the gauges and counters read from the pool's stats. Every one reads the same cached
 * snapshot ({@link PoolSnapshots}): they cost nothing per borrow and one pool scan per scrape.
 */
final class StatsMeters {
  private final PoolSnapshots snapshots;
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters;

  private StatsMeters(PoolSnapshots snapshots, MeterRegistry registry, Tags tags, List<Meter> meters) {
    this.snapshots = snapshots;
    this.registry = registry;
    this.tags = tags;
    this.meters = meters;
  }

  /** Registers every stats meter of one pool, adding each to {@code meters}. */
  static void register(
      PoolSnapshots snapshots, MeterRegistry registry, Tags tags, List<Meter> meters) {
    new StatsMeters(snapshots, registry, tags, meters).registerAll();
  }

  private void registerAll() {
    gauge(MeterNames.MAX, "The pool's current maxSize", PoolStats::maxSize);
    gauge(MeterNames.MIN_IDLE, "The pool's current minIdle", PoolStats::minIdle);
    gauge(MeterNames.OPEN, "Physical connections counted against maxSize", PoolStats::open);
    gauge(MeterNames.IDLE, "Connections ready to lend", PoolStats::idle);
    gauge(MeterNames.LEASED, "Connections lent out", PoolStats::leased);
    gauge(MeterNames.CONNECTING, "Connections being created", PoolStats::connecting);
    gauge(MeterNames.CLOSING, "Connections being closed", PoolStats::closing);
    gauge(MeterNames.WAITING, "Callers waiting to acquire", PoolStats::waiting);
    gauge(MeterNames.LEASED_PEAK, "Most connections lent out at once", PoolStats::peakLeased);

    counter(MeterNames.ACQUIRED, "Leases granted", tags, PoolStats::acquired);
    counter(MeterNames.TIMEOUTS, "Acquisitions that timed out", tags, PoolStats::timeouts);
    counter(
        MeterNames.REJECTED,
        "Acquisitions refused: maxWaiting reached",
        tags,
        PoolStats::rejected);
    counter(MeterNames.OPENED, "Physical connections created", tags, PoolStats::created);
    counter(
        MeterNames.CREATION_FAILURES,
        "Connection creations that failed or timed out",
        tags,
        PoolStats::createFailures);
    counter(
        MeterNames.LEAKS_SUSPECTED,
        "Leases held past leakWarningThreshold",
        tags,
        PoolStats::leaksSuspected);
    counter(
        MeterNames.LEAKS_RECLAIMED,
        "Leases reclaimed as leaked (abandoned or past maxHoldTime)",
        tags,
        PoolStats::leaksReclaimed);
    for (CloseReason r : CloseReason.values()) {
      counter(
          MeterNames.CLOSED,
          "Physical connections closed, by reason",
          tags.and(MeterNames.TAG_REASON, r.name().toLowerCase(Locale.ROOT)),
          s -> s.closed(r));
    }
    meters.add(
        FunctionTimer.builder(
                MeterNames.WAIT,
                snapshots,
                s -> s.stats().waitCount(),
                s -> s.stats().totalWait().toNanos(),
                TimeUnit.NANOSECONDS)
            .tags(tags)
            .description("Acquisitions that had to wait, and the time they waited")
            .register(registry));
  }

  private void gauge(String name, String help, ToDoubleFunction<PoolStats> f) {
    meters.add(
        Gauge.builder(name, snapshots, s -> f.applyAsDouble(s.stats()))
            .tags(tags)
            .description(help)
            .strongReference(true)
            .register(registry));
  }

  private void counter(String name, String help, Tags meterTags, ToDoubleFunction<PoolStats> f) {
    meters.add(
        FunctionCounter.builder(name, snapshots, s -> f.applyAsDouble(s.stats()))
            .tags(meterTags)
            .description(help)
            .register(registry));
  }
}
