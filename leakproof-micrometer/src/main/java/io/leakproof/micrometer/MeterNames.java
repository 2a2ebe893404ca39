package io.leakproof.micrometer;

/**
 * The names and tag keys of every meter {@link PoolMetrics} registers. Micrometer names are
 * dotted; Prometheus renders {@code leakproof.connections.leased} as
 * {@code leakproof_connections_leased}, adds {@code _total} to counters and
 * {@code _seconds_count}, {@code _seconds_sum} (and {@code _seconds_max} for timers) to timers.
 * docs/observability.md explains each one.
 */
public final class MeterNames {
  private MeterNames() {}

  /** The tag every meter carries: the pool's name. */
  public static final String TAG_POOL = "pool";

  /** The tag of {@link #CLOSED}: the lower-case {@link io.leakproof.CloseReason}. */
  public static final String TAG_REASON = "reason";

  /**
   * The tag of the per-call-site meters: the call site as a stack trace prints it, or
   * {@link #OTHER_CALL_SITES}.
   */
  public static final String TAG_CALL_SITE = "callsite";

  /** The {@link #TAG_CALL_SITE} value that sums every call site without its own tag value. */
  public static final String OTHER_CALL_SITES = "other";

  // ------------------------------------------------------------------ gauges (pool state)

  /** Gauge: the current maxSize. */
  public static final String MAX = "leakproof.connections.max";

  /** Gauge: the current minIdle. */
  public static final String MIN_IDLE = "leakproof.connections.min.idle";

  /** Gauge: physical resources counted against maxSize (idle + leased + connecting + closing). */
  public static final String OPEN = "leakproof.connections.open";

  /** Gauge: resources ready to lend. */
  public static final String IDLE = "leakproof.connections.idle";

  /** Gauge: resources lent out. */
  public static final String LEASED = "leakproof.connections.leased";

  /** Gauge: creations in progress (including ones past their deadline that still hold a slot). */
  public static final String CONNECTING = "leakproof.connections.connecting";

  /** Gauge: resources being destroyed. */
  public static final String CLOSING = "leakproof.connections.closing";

  /** Gauge: callers waiting to acquire. */
  public static final String WAITING = "leakproof.connections.waiting";

  /** Gauge: the highest leased count observed since the pool opened. */
  public static final String LEASED_PEAK = "leakproof.connections.leased.peak";

  // ------------------------------------------------------------------ timers (listener)

  /** Timer: how long each successful acquisition took, waiting included. */
  public static final String ACQUIRE = "leakproof.connections.acquire";

  /** Timer: how long each lease ended by its borrower (close or invalidate) was held. */
  public static final String HOLD = "leakproof.connections.hold";

  /** Timer: how long each successful creation of a physical resource took. */
  public static final String CREATION = "leakproof.connections.creation";

  // ------------------------------------------------------------------ counters (pool stats)

  /** Counter: leases granted. */
  public static final String ACQUIRED = "leakproof.connections.acquired";

  /**
   * Function timer: acquisitions that had to wait (count) and the time they waited (sum), from
   * the pool's own counters.
   */
  public static final String WAIT = "leakproof.connections.wait";

  /** Counter: acquisitions that gave up after the acquire timeout. */
  public static final String TIMEOUTS = "leakproof.connections.timeouts";

  /** Counter: acquisitions refused at once because maxWaiting callers were waiting. */
  public static final String REJECTED = "leakproof.connections.rejected";

  /** Counter: physical resources created. */
  public static final String OPENED = "leakproof.connections.opened";

  /** Counter: creations that failed or passed their deadline. */
  public static final String CREATION_FAILURES = "leakproof.connections.creation.failures";

  /** Counter: physical resources closed, tagged with {@link #TAG_REASON}. */
  public static final String CLOSED = "leakproof.connections.closed";

  /** Counter: leases reported as held past leakWarningThreshold. */
  public static final String LEAKS_SUSPECTED = "leakproof.connections.leaks.suspected";

  /** Counter: leases reclaimed as abandoned (proven leaks) or past maxHoldTime. */
  public static final String LEAKS_RECLAIMED = "leakproof.connections.leaks.reclaimed";

  // ------------------------------------------------------------------ per call site (bounded)

  /** Counter per call site: leases acquired there (captured leases only). */
  public static final String CALL_SITE_LEASES = "leakproof.connections.callsite.leases";

  /** Gauge per call site: leases from there held now. */
  public static final String CALL_SITE_ACTIVE = "leakproof.connections.callsite.active";

  /**
   * Function timer per call site: leases from there that ended, returned or reclaimed (count),
   * and how long they were held (sum).
   */
  public static final String CALL_SITE_HOLD = "leakproof.connections.callsite.hold";

  /** Counter per call site: leases from there reported as suspected leaks. */
  public static final String CALL_SITE_LEAKS_SUSPECTED =
      "leakproof.connections.callsite.leaks.suspected";

  /** Counter per call site: leases from there reclaimed as leaked. */
  public static final String CALL_SITE_LEAKS_RECLAIMED =
      "leakproof.connections.callsite.leaks.reclaimed";
}
