package io.leakproof.micrometer;

import io.leakproof.LeaseInfo;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for one Leakproof pool: a {@link PoolListener} that feeds the timers, and a
 * binder that registers the gauges and counters. Add it to the pool's configuration, open the
 * pool, then bind it to a registry:
 *
 * <pre>{@code
 * PoolMetrics metrics = PoolMetrics.create();
 * Pool<Connection> pool =
 *     Pool.open(PoolConfig.builder().name("orders").maxSize(20).listener(metrics).build(), factory);
 * PoolMetrics.Binding binding = metrics.bindTo(pool, registry);
 * }</pre>
 *
 * <p>What it registers (names in {@link MeterNames}, every meter tagged {@code pool=<name>}):
 * gauges for the pool's state, counters for its lifetime counters (both read from
 * {@link Pool#stats()}, so they include what happened before binding), timers for acquire wait,
 * hold and creation time (fed by this listener from the moment of binding), and per-call-site
 * meters with a bounded number of tag values (see {@link Builder#callSiteTags}).
 *
 * <p><b>Cost on the borrow path.</b> {@link #onAcquire} and {@link #onRelease} each do one
 * volatile read and one {@link Timer#record(long, TimeUnit)}: a few adds to striped counters and
 * a compare-and-set for the maximum, no allocation and no lock (with
 * {@link Builder#percentileHistogram} also one bucket increment). They do not touch the
 * {@link LeaseInfo}. The gauges and counters cost nothing per borrow: they read one snapshot of
 * the pool per scrape (see {@link Builder#snapshotTtl}).
 *
 * <p>One instance serves one pool and one registry at a time (use a composite registry for
 * several). Thread-safe.
 */
public final class PoolMetrics implements PoolListener {
  /** Default for {@link Builder#callSiteTags}: enough for the hot spots of a service. */
  public static final int DEFAULT_CALL_SITE_TAGS = 10;

  /**
   * Upper bound for {@link Builder#callSiteTags}: each tag value costs six series, and more than
   * this is a dump's job, not a time series database's.
   */
  public static final int MAX_CALL_SITE_TAGS = 100;

  /**
   * Default for {@link Builder#snapshotTtl}: far shorter than any sensible scrape interval, far
   * longer than one scrape takes.
   */
  public static final Duration DEFAULT_SNAPSHOT_TTL = Duration.ofSeconds(1);

  private final int callSiteTags;
  private final Duration snapshotTtl;
  private final boolean percentileHistogram;
  private final Tags extraTags;
  private final Object bindLock = new Object();
  private volatile Timers timers; // null while unbound
  private Binding binding; // guarded by bindLock

  private PoolMetrics(Builder b) {
    this.callSiteTags = b.callSiteTags;
    this.snapshotTtl = b.snapshotTtl;
    this.percentileHistogram = b.percentileHistogram;
    this.extraTags = b.tags;
  }

  /**
   * Returns metrics with the defaults: {@value #DEFAULT_CALL_SITE_TAGS} call-site tag values,
   * a one-second snapshot, no percentile histograms, no extra tags.
   *
   * @return new metrics, not yet bound
   */
  public static PoolMetrics create() {
    return builder().build();
  }

  /**
   * Returns a builder.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The three listener-fed timers of a binding. */
  private record Timers(Timer acquire, Timer hold, Timer creation) {}

  /**
   * Registers the pool's meters in a registry and starts feeding the timers.
   *
   * @param pool the pool; its configuration must contain this listener
   * @param registry where to register
   * @return the binding; close it to remove the meters (closing the pool does not)
   * @throws NullPointerException if pool or registry is null
   * @throws IllegalArgumentException if the pool was not configured with this listener
   * @throws IllegalStateException if this instance is already bound, or the registry already
   *     has meters for a pool of the same name and tags
   */
  public Binding bindTo(Pool<?> pool, MeterRegistry registry) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(registry, "registry");
    PoolConfig config = pool.config();
    if (!config.listeners().contains(this)) {
      throw new IllegalArgumentException(
          "Pool '"
              + pool.name()
              + "' was not configured with this PoolMetrics: add it with"
              + " PoolConfig.Builder.listener(metrics) before opening the pool, otherwise the"
              + " acquire, hold and creation timers would stay empty");
    }
    Tags tags = Tags.of(MeterNames.TAG_POOL, pool.name()).and(extraTags);
    synchronized (bindLock) {
      if (binding != null) {
        throw new IllegalStateException(
            "This PoolMetrics is already bound to pool '"
                + binding.poolName
                + "'; close that binding first (one PoolMetrics per pool and registry)");
      }
      if (registry.find(MeterNames.MAX).tags(tags).gauge() != null) {
        throw new IllegalStateException(
            "The registry already has meters for pool '"
                + pool.name()
                + "' with tags "
                + tags
                + ": pool names must be unique within a registry");
      }
      Binding b = new Binding(pool, registry, tags);
      binding = b;
      timers = b.timers;
      return b;
    }
  }

  // ------------------------------------------------------------------ listener (hot path)

  /** Records the acquisition's wait. Allocation-free; see the class documentation. */
  @Override
  public void onAcquire(LeaseInfo lease, long waitNanos) {
    Timers t = timers;
    if (t != null) {
      t.acquire.record(waitNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Records the lease's hold time. Allocation-free; see the class documentation. */
  @Override
  public void onRelease(LeaseInfo lease, long holdNanos) {
    Timers t = timers;
    if (t != null) {
      t.hold.record(holdNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Records the creation time. */
  @Override
  public void onCreate(PoolEvent.Created event) {
    Timers t = timers;
    if (t != null) {
      t.creation.record(event.took());
    }
  }

  @Override
  public String toString() {
    Binding b;
    synchronized (bindLock) {
      b = binding;
    }
    return "PoolMetrics{" + (b == null ? "unbound" : "pool=" + b.poolName) + "}";
  }

  private void unbind(Binding b) {
    synchronized (bindLock) {
      if (binding == b) {
        binding = null;
        timers = null;
      }
    }
  }

  // ------------------------------------------------------------------ binding

  /**
   * The meters of one pool in one registry. {@link #close()} removes them and stops the timers;
   * the {@link PoolMetrics} can then be bound again. Thread-safe; close is idempotent.
   */
  public final class Binding implements AutoCloseable {
    private final String poolName;
    private final MeterRegistry registry;
    private final PoolSnapshots snapshots;
    private final CallSiteMeters callSites;
    private final Timers timers;
    private final List<Meter> meters = new ArrayList<>();
    private boolean closed; // guarded by bindLock

    private Binding(Pool<?> pool, MeterRegistry registry, Tags tags) {
      this.poolName = pool.name();
      this.registry = registry;
      this.callSites = callSiteTags > 0 ? new CallSiteMeters(registry, tags, callSiteTags) : null;
      this.snapshots =
          new PoolSnapshots(pool, registry.config().clock(), snapshotTtl.toNanos(), callSites);
      if (callSites != null) {
        callSites.attach(snapshots);
      }
      StatsMeters.register(snapshots, registry, tags, meters);

      Timer acquire =
          timer(MeterNames.ACQUIRE, "Time to acquire a connection, waiting included", tags);
      Timer hold = timer(MeterNames.HOLD, "How long leases were held by their borrowers", tags);
      Timer creation = timer(MeterNames.CREATION, "Time to create a physical connection", tags);
      this.timers = new Timers(acquire, hold, creation);
      snapshots.touch(); // registers the call-site meters at once when sites exist
    }

    private Timer timer(String name, String help, Tags tags) {
      Timer t =
          Timer.builder(name)
              .tags(tags)
              .description(help)
              .publishPercentileHistogram(percentileHistogram)
              .register(registry);
      meters.add(t);
      return t;
    }

    /**
     * Returns the name of the bound pool.
     *
     * @return the pool name
     */
    public String poolName() {
      return poolName;
    }

    /**
     * Returns the {@code callsite} tag values in use now, {@code other} included; at most
     * {@link Builder#callSiteTags} plus one.
     *
     * @return the values (empty when call sites are not captured or the meters are off)
     */
    public List<String> callSiteTagValues() {
      if (callSites == null) {
        return List.of();
      }
      snapshots.touch();
      return snapshots.withLock(callSites::tagValues);
    }

    /** Removes every meter of this binding and stops the timers. Later calls do nothing. */
    @Override
    public void close() {
      synchronized (bindLock) {
        if (closed) {
          return;
        }
        closed = true;
      }
      unbind(this);
      for (Meter m : meters) {
        registry.remove(m);
      }
      if (callSites != null) {
        snapshots.withLock(
            () -> {
              callSites.removeAll();
              return null;
            });
      }
    }

    @Override
    public String toString() {
      return "PoolMetrics.Binding{pool=" + poolName + "}";
    }
  }

  // ------------------------------------------------------------------ builder

  /** Builds {@link PoolMetrics}; every setting has a default. Not thread-safe. */
  public static final class Builder {
    private int callSiteTags = DEFAULT_CALL_SITE_TAGS;
    private Duration snapshotTtl = DEFAULT_SNAPSHOT_TTL;
    private boolean percentileHistogram;
    private Tags tags = Tags.empty();

    private Builder() {}

    /**
     * Sets how many call sites get their own {@code callsite} tag value; the rest are summed
     * under {@code callsite="other"}. Sites are given slots as they appear, leakiest first, and
     * a site with more leaks takes the slot of the least leaky one; see docs/observability.md.
     * Per-call-site meters need call-site capture on in the pool ({@code callSiteCapture}).
     *
     * @param n the number of tag values, 0 for no per-call-site meters
     * @return this builder
     * @throws IllegalArgumentException if n is negative or above {@value PoolMetrics#MAX_CALL_SITE_TAGS}
     */
    public Builder callSiteTags(int n) {
      if (n < 0 || n > MAX_CALL_SITE_TAGS) {
        throw new IllegalArgumentException(
            "callSiteTags must be between 0 and " + MAX_CALL_SITE_TAGS + " but was " + n);
      }
      this.callSiteTags = n;
      return this;
    }

    /**
     * Sets how long one reading of the pool serves the gauges and counters, so that a scrape
     * scans the pool once and all its values describe the same moment.
     *
     * @param ttl the time to live; {@link Duration#ZERO} reads the pool for every meter
     * @return this builder
     * @throws IllegalArgumentException if ttl is null, negative or longer than a minute
     */
    public Builder snapshotTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "snapshotTtl must be between 0 and 1 minute but was " + ttl);
      }
      this.snapshotTtl = ttl;
      return this;
    }

    /**
     * Makes the acquire, hold and creation timers publish a percentile histogram (Prometheus
     * {@code _bucket} series, for {@code histogram_quantile}). Off by default: it adds about 70
     * series per timer.
     *
     * @param on whether to publish histograms
     * @return this builder
     */
    public Builder percentileHistogram(boolean on) {
      this.percentileHistogram = on;
      return this;
    }

    /**
     * Adds a tag to every meter (for example the application's name). Prometheus needs every
     * meter of one name to have the same tag keys: give all pools in one registry the same keys.
     *
     * @param key the tag key; not {@code pool}, {@code reason} or {@code callsite}
     * @param value the tag value
     * @return this builder
     * @throws IllegalArgumentException if key or value is null, or the key is one the binder
     *     sets itself
     */
    public Builder tag(String key, String value) {
      if (key == null || value == null) {
        throw new IllegalArgumentException("tag key and value must not be null but were " + key + "=" + value);
      }
      if (key.equals(MeterNames.TAG_POOL)
          || key.equals(MeterNames.TAG_REASON)
          || key.equals(MeterNames.TAG_CALL_SITE)) {
        throw new IllegalArgumentException(
            "tag key must not be '" + key + "': the binder sets pool, reason and callsite itself");
      }
      this.tags = tags.and(Tag.of(key, value));
      return this;
    }

    /**
     * Builds the metrics.
     *
     * @return new metrics, not yet bound
     */
    public PoolMetrics build() {
      return new PoolMetrics(this);
    }
  }
}
