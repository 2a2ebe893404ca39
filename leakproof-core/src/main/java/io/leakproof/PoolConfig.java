package io.leakproof;

import io.leakproof.spi.PoolListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The immutable settings of a pool, built by a validating {@link Builder}.
 *
 * <p>Every invalid value fails in the builder's setter with an {@link IllegalArgumentException}
 * naming the property, the value and the rule; settings that conflict with each other fail in
 * {@link Builder#build()} with an {@link IllegalStateException}. No value is ever silently
 * corrected. Times are {@link Duration}s, and {@link Duration#ZERO} turns a timed feature off.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder()
 *     .name("orders")
 *     .maxSize(20)
 *     .acquireTimeout(Duration.ofSeconds(5))
 *     .callSiteCapture(CallSiteCapture.ALL)
 *     .build();
 * }</pre>
 */
public final class PoolConfig {

  /** Default maxSize: HikariCP's maximumPoolSize default. */
  public static final int DEFAULT_MAX_SIZE = 10;

  /** Default acquire timeout: HikariCP's connectionTimeout default. */
  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Default creation deadline. A healthy database accepts a connection in milliseconds; a
   * black-holed one would otherwise hold a creator for the TCP timeout (minutes). After the
   * deadline the creator's permit goes to the next creation; the slot stays reserved until the
   * factory returns.
   */
  public static final Duration DEFAULT_CREATE_TIMEOUT = Duration.ofSeconds(10);

  /** Default idle timeout: HikariCP's idleTimeout default. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** Default maximum lifetime: HikariCP's maxLifetime default. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

  /**
   * Default lifetime jitter: each resource's lifetime is shortened by a random fraction up to
   * this, so resources created together do not all expire together (HikariCP uses 2.5%).
   */
  public static final double DEFAULT_MAX_LIFETIME_JITTER = 0.025;

  /**
   * Default keepalive: an idle resource untouched this long is validated in the background, well
   * inside common firewall and NAT idle cut-offs (5 to 15 minutes). HikariCP's default.
   */
  public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);

  /**
   * Default validation window: a resource idle longer than this is validated when borrowed.
   * Shorter idles skip validation (a resource used half a second ago is almost surely alive);
   * HikariCP's aliveBypassWindow.
   */
  public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofMillis(500);

  /**
   * Default validation timeout, HikariCP's validationTimeout default, when half the acquire
   * timeout is not shorter: validation on borrow happens inside an acquisition, so it must
   * leave the acquisition time to fail over to another resource.
   */
  public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  /** Default number of concurrent creations (MongoDB drivers' maxConnecting default). */
  public static final int DEFAULT_MAX_CONNECTING = 2;

  /**
   * Default leak-warning threshold: a web service never legitimately holds a connection for a
   * minute (its own request timeout is shorter), while a leak holds it forever.
   */
  public static final Duration DEFAULT_LEAK_WARNING_THRESHOLD = Duration.ofSeconds(60);

  /**
   * Default call-site sample rate (1 in N leases) for {@link CallSiteCapture#SAMPLED}: the most
   * frequent power of two whose cost on the engine's connection-cycle benchmark stays within 5%
   * of capture off. A capture walks the stack (about 1.2 µs, and about 3.5 µs when it is rare
   * and its code and data are cold) against about 27 ns for a whole borrow; 1 in 4096 measured
   * 3.7%, 1 in 1024 measured 7.4% (see docs/benchmarks.md). Leases that waited longer than the
   * slow-acquire threshold and leases after a leak signal are captured regardless of the rate.
   */
  public static final int DEFAULT_CALL_SITE_SAMPLE_RATE = 4096;

  /** Default bound on the per-call-site table; further sites are counted under one bucket. */
  public static final int DEFAULT_MAX_CALL_SITES = 1024;

  /**
   * Default minimum interval between garbage collections requested because the pool is
   * exhausted with waiters queuing. A collection that proves a leak allows the next one at once;
   * fruitless ones back off from this interval up to 64 times it.
   */
  public static final Duration DEFAULT_GC_ON_EXHAUSTION = Duration.ofSeconds(1);

  /** Default time {@link Pool#close()} waits for leases to come back before forcing them. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** Default threshold above which an acquisition is reported as slow (JFR, logging). */
  public static final Duration DEFAULT_SLOW_ACQUIRE_THRESHOLD = Duration.ofMillis(100);

  /** Frames of these packages are never a call site: the JDK and Leakproof itself. */
  public static final List<String> DEFAULT_CALL_SITE_SKIP_PREFIXES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "io.leakproof.");

  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final String name;
  private final int maxSize;
  private final int minIdle;
  private final boolean minIdleSet;
  private final Duration acquireTimeout;
  private final Duration createTimeout;
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final double maxLifetimeJitter;
  private final Duration keepaliveTime;
  private final Duration validateAfterIdle;
  private final Duration validationTimeout;
  private final int maxConnecting;
  private final int maxWaiting;
  private final int pauseAfterCreateFailures;
  private final boolean detectAbandoned;
  private final Duration leakWarningThreshold;
  private final Duration maxHoldTime;
  private final LeakReclaimPolicy leakReclaimPolicy;
  private final CallSiteCapture callSiteCapture;
  private final int callSiteSampleRate;
  private final boolean captureStackTraces;
  private final List<String> callSiteSkipPrefixes;
  private final int maxCallSites;
  private final Duration gcOnExhaustion;
  private final Duration shutdownTimeout;
  private final Duration slowAcquireThreshold;
  private final Supplier<String> tagSupplier;
  private final List<PoolListener> listeners;
  private final boolean logging;
  private final boolean jfr;
  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final boolean housekeeping;

  private PoolConfig(Builder b) {
    this.name = b.name != null ? b.name : "pool-" + POOL_NUMBER.incrementAndGet();
    this.maxSize = b.maxSize;
    this.minIdleSet = b.minIdle >= 0;
    this.minIdle = minIdleSet ? b.minIdle : b.maxSize;
    this.acquireTimeout = b.acquireTimeout;
    this.createTimeout = b.createTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
    this.maxLifetimeJitter = b.maxLifetimeJitter;
    this.keepaliveTime = b.keepaliveTime;
    this.validateAfterIdle = b.validateAfterIdle;
    this.validationTimeout =
        b.validationTimeout != null ? b.validationTimeout : defaultValidationTimeout(b.acquireTimeout);
    this.maxConnecting = b.maxConnecting;
    this.maxWaiting = b.maxWaiting;
    this.pauseAfterCreateFailures = b.pauseAfterCreateFailures;
    this.detectAbandoned = b.detectAbandoned;
    this.leakWarningThreshold = b.leakWarningThreshold;
    this.maxHoldTime = b.maxHoldTime;
    this.leakReclaimPolicy = b.leakReclaimPolicy;
    this.callSiteCapture = b.callSiteCapture;
    this.callSiteSampleRate = b.callSiteSampleRate;
    this.captureStackTraces = b.captureStackTraces;
    this.callSiteSkipPrefixes = List.copyOf(b.callSiteSkipPrefixes);
    this.maxCallSites = b.maxCallSites;
    this.gcOnExhaustion = b.gcOnExhaustion;
    this.shutdownTimeout = b.shutdownTimeout;
    this.slowAcquireThreshold = b.slowAcquireThreshold;
    this.tagSupplier = b.tagSupplier;
    this.listeners = List.copyOf(b.listeners);
    this.logging = b.logging;
    this.jfr = b.jfr;
    this.ticker = b.ticker;
    this.scheduler = b.scheduler;
    this.executor = b.executor;
    this.housekeeping = b.housekeeping;
  }

  private static Duration defaultValidationTimeout(Duration acquireTimeout) {
    if (acquireTimeout.isZero()) {
      return DEFAULT_VALIDATION_TIMEOUT;
    }
    Duration half = acquireTimeout.dividedBy(2);
    if (half.isZero()) {
      half = Duration.ofNanos(1);
    }
    return half.compareTo(DEFAULT_VALIDATION_TIMEOUT) < 0 ? half : DEFAULT_VALIDATION_TIMEOUT;
  }

  /**
   * Starts a builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this configuration's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the pool's name, used in every message, metric tag and thread name.
   *
   * @return the name; {@code pool-N} when not set
   */
  public String name() {
    return name;
  }

  /**
   * Returns the hard limit on physical resources: idle + leased + being created + being closed.
   *
   * @return maxSize, default {@value #DEFAULT_MAX_SIZE}
   */
  public int maxSize() {
    return maxSize;
  }

  /**
   * Returns the number of idle resources the pool keeps ready.
   *
   * @return minIdle; equal to maxSize when not set (a fixed-size pool, as in HikariCP)
   */
  public int minIdle() {
    return minIdle;
  }

  /**
   * Returns whether minIdle was set explicitly (otherwise it follows maxSize, also on resize).
   *
   * @return whether minIdle was set
   */
  public boolean minIdleSet() {
    return minIdleSet;
  }

  /**
   * Returns how long {@link Pool#acquire()} waits before giving up.
   *
   * @return the timeout; ZERO means take an idle resource or fail at once
   */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /**
   * Returns the deadline of one creation. It is passed to the factory; a creation that passes
   * it stops counting against {@link #maxConnecting()} (others may start) but keeps its slot until
   * the factory returns.
   *
   * @return the deadline
   */
  public Duration createTimeout() {
    return createTimeout;
  }

  /**
   * Returns how long a resource may sit idle before it is closed (while more than minIdle are
   * open).
   *
   * @return the timeout; ZERO is off
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Returns the maximum age of a resource: idle ones are closed, leased ones when they return.
   *
   * @return the lifetime; ZERO is off
   */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * Returns the largest random fraction by which each resource's lifetime is shortened.
   *
   * @return a fraction in [0, 0.5]
   */
  public double maxLifetimeJitter() {
    return maxLifetimeJitter;
  }

  /**
   * Returns after how long untouched an idle resource is validated in the background.
   *
   * @return the keepalive interval; ZERO is off
   */
  public Duration keepaliveTime() {
    return keepaliveTime;
  }

  /**
   * Returns how long a resource must have been idle to be validated when borrowed. Independently
   * of this window, once a resource is found broken (or fails keepalive), every resource not
   * known to work since is validated before its next lend: what breaks one connection (a
   * failover, a network cut) usually breaks them all.
   *
   * @return the window; ZERO turns validation after idle periods off
   */
  public Duration validateAfterIdle() {
    return validateAfterIdle;
  }

  /**
   * Returns the time allowed for one validation.
   *
   * @return the timeout; when not set, 5 s or half the acquire timeout, whichever is shorter
   */
  public Duration validationTimeout() {
    return validationTimeout;
  }

  /**
   * Returns how many creations may run at once.
   *
   * @return maxConnecting, default {@value #DEFAULT_MAX_CONNECTING}
   */
  public int maxConnecting() {
    return maxConnecting;
  }

  /**
   * Returns after how many creation failures in a row, with no resource open, the pool pauses:
   * callers then fail at once with the creation error ({@link PoolPausedException}) instead of
   * waiting their acquire timeout, until the next successful creation (retried in the
   * background). 0 means never pause.
   *
   * @return pauseAfterCreateFailures, default {@value #DEFAULT_PAUSE_AFTER_CREATE_FAILURES}
   */
  public int pauseAfterCreateFailures() {
    return pauseAfterCreateFailures;
  }

  /**
   * Default of {@link #pauseAfterCreateFailures()}: three failures in a row take about 30 ms of
   * back-off (10, 20 ms), so a single refused connect does not fail anyone, while callers stop
   * piling up within a fraction of a second of a real outage.
   */
  public static final int DEFAULT_PAUSE_AFTER_CREATE_FAILURES = 3;

  /**
   * Returns how many callers may wait at once; the next one fails at once with
   * {@link PoolOverloadedException}.
   *
   * @return the bound; {@link Integer#MAX_VALUE} (the default) is unbounded, 0 never waits
   */
  public int maxWaiting() {
    return maxWaiting;
  }

  /**
   * Returns whether a lease whose handle became unreachable is reported and reclaimed.
   *
   * @return whether abandoned-handle detection is on (default on)
   */
  public boolean detectAbandoned() {
    return detectAbandoned;
  }

  /**
   * Returns the hold time after which a lease is reported once as a suspected leak (and again
   * when it comes back).
   *
   * @return the threshold; ZERO is off
   */
  public Duration leakWarningThreshold() {
    return leakWarningThreshold;
  }

  /**
   * Returns the hold time after which a lease is forcibly ended and its resource closed (policy,
   * like DBCP's removeAbandoned).
   *
   * @return the limit; ZERO (the default) is off
   */
  public Duration maxHoldTime() {
    return maxHoldTime;
  }

  /**
   * Returns what happens to the resource of a lease reclaimed as abandoned.
   *
   * @return the policy, default {@link LeakReclaimPolicy#DESTROY}
   */
  public LeakReclaimPolicy leakReclaimPolicy() {
    return leakReclaimPolicy;
  }

  /**
   * Returns how often acquisition call sites are captured.
   *
   * @return the level, default {@link CallSiteCapture#SAMPLED}
   */
  public CallSiteCapture callSiteCapture() {
    return callSiteCapture;
  }

  /**
   * Returns N for {@link CallSiteCapture#SAMPLED}: one lease in N is captured.
   *
   * @return the rate, default {@value #DEFAULT_CALL_SITE_SAMPLE_RATE}
   */
  public int callSiteSampleRate() {
    return callSiteSampleRate;
  }

  /**
   * Returns whether the whole acquisition stack is kept with each captured call site.
   *
   * @return whether stacks are captured (default off)
   */
  public boolean captureStackTraces() {
    return captureStackTraces;
  }

  /**
   * Returns the class-name prefixes whose frames are skipped when looking for the call site.
   *
   * @return the prefixes; the defaults cover the JDK and Leakproof
   */
  public List<String> callSiteSkipPrefixes() {
    return callSiteSkipPrefixes;
  }

  /**
   * Returns the bound on distinct call sites kept in the statistics table.
   *
   * @return the bound
   */
  public int maxCallSites() {
    return maxCallSites;
  }

  /**
   * Returns the minimum interval between collections the pool requests when it is exhausted and
   * callers are waiting, so that leaked handles are found in time.
   *
   * @return the interval; ZERO is off
   */
  public Duration gcOnExhaustion() {
    return gcOnExhaustion;
  }

  /**
   * Returns how long {@link Pool#close()} waits for leases to come back before forcing them.
   *
   * @return the timeout; ZERO forces at once
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Returns the wait above which an acquisition is reported as slow (JFR event).
   *
   * @return the threshold; ZERO is off
   */
  public Duration slowAcquireThreshold() {
    return slowAcquireThreshold;
  }

  /**
   * Returns the supplier read at each acquisition to tag the lease (for example with a trace id
   * from the caller's MDC).
   *
   * @return the supplier, or {@code null} when not set
   */
  public Supplier<String> tagSupplier() {
    return tagSupplier;
  }

  /**
   * Returns the listeners added with {@link Builder#listener}.
   *
   * @return the listeners, in registration order
   */
  public List<PoolListener> listeners() {
    return listeners;
  }

  /**
   * Returns whether the built-in {@link System.Logger} listener is on.
   *
   * @return whether leak reports, creation failures and closes are logged (default on)
   */
  public boolean logging() {
    return logging;
  }

  /**
   * Returns whether the built-in JFR listener is on.
   *
   * @return whether JFR events are emitted (default on; free when no recording runs)
   */
  public boolean jfr() {
    return jfr;
  }

  /**
   * Returns the time source.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns the scheduler the pool runs maintenance on.
   *
   * @return the scheduler, or {@code null} when the pool makes its own
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Returns the executor the pool runs its background work on: creations, destroys, keepalive
   * validations and requested collections.
   *
   * @return the executor, or {@code null} when the pool uses its own daemon threads
   */
  public Executor executor() {
    return executor;
  }

  /**
   * Returns whether the pool schedules its own maintenance sweeps. Tests on fake time turn it off
   * and call the sweep themselves.
   *
   * @return whether housekeeping runs by itself (default on)
   */
  public boolean housekeeping() {
    return housekeeping;
  }

  @Override
  public String toString() {
    return "PoolConfig{name="
        + name
        + ", maxSize="
        + maxSize
        + ", minIdle="
        + minIdle
        + ", acquireTimeout="
        + acquireTimeout
        + ", createTimeout="
        + createTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", maxLifetime="
        + maxLifetime
        + ", keepaliveTime="
        + keepaliveTime
        + ", validateAfterIdle="
        + validateAfterIdle
        + ", maxConnecting="
        + maxConnecting
        + ", maxWaiting="
        + maxWaiting
        + ", detectAbandoned="
        + detectAbandoned
        + ", leakWarningThreshold="
        + leakWarningThreshold
        + ", maxHoldTime="
        + maxHoldTime
        + ", callSiteCapture="
        + callSiteCapture
        + (callSiteCapture == CallSiteCapture.SAMPLED ? " 1/" + callSiteSampleRate : "")
        + ", gcOnExhaustion="
        + gcOnExhaustion
        + ", shutdownTimeout="
        + shutdownTimeout
        + "}";
  }

  /**
   * Builds a {@link PoolConfig}. Setters validate their argument at once; {@link #build()} checks
   * the settings against each other.
   */
  public static final class Builder {
    private String name;
    private int maxSize = DEFAULT_MAX_SIZE;
    private int minIdle = -1;
    private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
    private Duration createTimeout = DEFAULT_CREATE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private double maxLifetimeJitter = DEFAULT_MAX_LIFETIME_JITTER;
    private Duration keepaliveTime = DEFAULT_KEEPALIVE_TIME;
    private Duration validateAfterIdle = DEFAULT_VALIDATE_AFTER_IDLE;
    private Duration validationTimeout;
    private int maxConnecting = DEFAULT_MAX_CONNECTING;
    private int maxWaiting = Integer.MAX_VALUE;
    private int pauseAfterCreateFailures = DEFAULT_PAUSE_AFTER_CREATE_FAILURES;
    private boolean detectAbandoned = true;
    private Duration leakWarningThreshold = DEFAULT_LEAK_WARNING_THRESHOLD;
    private Duration maxHoldTime = Duration.ZERO;
    private LeakReclaimPolicy leakReclaimPolicy = LeakReclaimPolicy.DESTROY;
    private CallSiteCapture callSiteCapture = CallSiteCapture.SAMPLED;
    private int callSiteSampleRate = DEFAULT_CALL_SITE_SAMPLE_RATE;
    private boolean captureStackTraces;
    private List<String> callSiteSkipPrefixes = new ArrayList<>(DEFAULT_CALL_SITE_SKIP_PREFIXES);
    private int maxCallSites = DEFAULT_MAX_CALL_SITES;
    private Duration gcOnExhaustion = DEFAULT_GC_ON_EXHAUSTION;
    private boolean gcOnExhaustionSet;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration slowAcquireThreshold = DEFAULT_SLOW_ACQUIRE_THRESHOLD;
    private Supplier<String> tagSupplier;
    private final List<PoolListener> listeners = new ArrayList<>();
    private boolean logging = true;
    private boolean jfr = true;
    private Ticker ticker = Ticker.system();
    private ScheduledExecutorService scheduler;
    private Executor executor;
    private boolean housekeeping = true;

    private Builder() {}

    private Builder(PoolConfig c) {
      name = c.name;
      maxSize = c.maxSize;
      minIdle = c.minIdleSet ? c.minIdle : -1;
      acquireTimeout = c.acquireTimeout;
      createTimeout = c.createTimeout;
      idleTimeout = c.idleTimeout;
      maxLifetime = c.maxLifetime;
      maxLifetimeJitter = c.maxLifetimeJitter;
      keepaliveTime = c.keepaliveTime;
      validateAfterIdle = c.validateAfterIdle;
      validationTimeout = c.validationTimeout;
      maxConnecting = c.maxConnecting;
      maxWaiting = c.maxWaiting;
      pauseAfterCreateFailures = c.pauseAfterCreateFailures;
      detectAbandoned = c.detectAbandoned;
      leakWarningThreshold = c.leakWarningThreshold;
      maxHoldTime = c.maxHoldTime;
      leakReclaimPolicy = c.leakReclaimPolicy;
      callSiteCapture = c.callSiteCapture;
      callSiteSampleRate = c.callSiteSampleRate;
      captureStackTraces = c.captureStackTraces;
      callSiteSkipPrefixes = new ArrayList<>(c.callSiteSkipPrefixes);
      maxCallSites = c.maxCallSites;
      gcOnExhaustion = c.gcOnExhaustion;
      gcOnExhaustionSet = true;
      shutdownTimeout = c.shutdownTimeout;
      slowAcquireThreshold = c.slowAcquireThreshold;
      tagSupplier = c.tagSupplier;
      listeners.addAll(c.listeners);
      logging = c.logging;
      jfr = c.jfr;
      ticker = c.ticker;
      scheduler = c.scheduler;
      executor = c.executor;
      housekeeping = c.housekeeping;
    }

    /**
     * Sets the pool's name.
     *
     * @param name 1 to 64 characters: letters, digits, '.', '_' or '-'
     * @return this builder
     * @throws IllegalArgumentException if the name is empty, too long or has other characters
     */
    public Builder name(String name) {
      Checks.require(
          name != null && name.matches("[A-Za-z0-9._-]{1,64}"),
          "name",
          name == null ? null : "\"" + name + "\"",
          "1 to 64 letters, digits, '.', '_' or '-'");
      this.name = name;
      return this;
    }

    /**
     * Sets the hard limit on physical resources.
     *
     * @param maxSize at least 1
     * @return this builder
     * @throws IllegalArgumentException if maxSize is below 1
     */
    public Builder maxSize(int maxSize) {
      Checks.atLeast("maxSize", maxSize, 1);
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets the number of idle resources the pool keeps ready.
     *
     * @param minIdle at least 0, at most maxSize (checked in {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if minIdle is negative
     */
    public Builder minIdle(int minIdle) {
      Checks.atLeast("minIdle", minIdle, 0);
      this.minIdle = minIdle;
      return this;
    }

    /**
     * Sets how long an acquisition waits.
     *
     * @param timeout zero or more; ZERO means never wait
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null or negative
     */
    public Builder acquireTimeout(Duration timeout) {
      this.acquireTimeout = Checks.notNegative("acquireTimeout", timeout);
      return this;
    }

    /**
     * Sets the deadline of one creation.
     *
     * @param timeout more than zero
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public Builder createTimeout(Duration timeout) {
      this.createTimeout = Checks.positive("createTimeout", timeout);
      return this;
    }

    /**
     * Sets the idle timeout.
     *
     * @param timeout zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null or negative
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Checks.notNegative("idleTimeout", timeout);
      return this;
    }

    /**
     * Sets the maximum lifetime of a resource.
     *
     * @param lifetime zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the lifetime is null or negative
     */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = Checks.notNegative("maxLifetime", lifetime);
      return this;
    }

    /**
     * Sets the largest random fraction by which each resource's lifetime is shortened.
     *
     * @param fraction from 0 to 0.5
     * @return this builder
     * @throws IllegalArgumentException if the fraction is outside [0, 0.5]
     */
    public Builder maxLifetimeJitter(double fraction) {
      Checks.require(
          fraction >= 0 && fraction <= 0.5, "maxLifetimeJitter", fraction, "between 0 and 0.5");
      this.maxLifetimeJitter = fraction;
      return this;
    }

    /**
     * Sets the keepalive interval for idle resources.
     *
     * @param interval zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the interval is null or negative
     */
    public Builder keepaliveTime(Duration interval) {
      this.keepaliveTime = Checks.notNegative("keepaliveTime", interval);
      return this;
    }

    /**
     * Sets how long a resource must have been idle to be validated when borrowed.
     *
     * @param window zero (never validate on borrow) or more
     * @return this builder
     * @throws IllegalArgumentException if the window is null or negative
     */
    public Builder validateAfterIdle(Duration window) {
      this.validateAfterIdle = Checks.notNegative("validateAfterIdle", window);
      return this;
    }

    /**
     * Sets the time allowed for one validation.
     *
     * @param timeout more than zero
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null, zero or negative
     */
    public Builder validationTimeout(Duration timeout) {
      this.validationTimeout = Checks.positive("validationTimeout", timeout);
      return this;
    }

    /**
     * Sets how many creations may run at once.
     *
     * @param maxConnecting at least 1
     * @return this builder
     * @throws IllegalArgumentException if maxConnecting is below 1
     */
    public Builder maxConnecting(int maxConnecting) {
      Checks.atLeast("maxConnecting", maxConnecting, 1);
      this.maxConnecting = maxConnecting;
      return this;
    }

    /**
     * Sets after how many creation failures in a row, with no resource open, the pool pauses and
     * fails callers at once (see {@link PoolConfig#pauseAfterCreateFailures()}).
     *
     * @param failures at least 0; 0 never pauses (callers wait their acquire timeout)
     * @return this builder
     * @throws IllegalArgumentException if failures is negative
     */
    public Builder pauseAfterCreateFailures(int failures) {
      Checks.atLeast("pauseAfterCreateFailures", failures, 0);
      this.pauseAfterCreateFailures = failures;
      return this;
    }

    /**
     * Sets how many callers may wait at once.
     *
     * @param maxWaiting at least 0 (0 never waits); {@link Integer#MAX_VALUE} is unbounded
     * @return this builder
     * @throws IllegalArgumentException if maxWaiting is negative
     */
    public Builder maxWaiting(int maxWaiting) {
      Checks.atLeast("maxWaiting", maxWaiting, 0);
      this.maxWaiting = maxWaiting;
      return this;
    }

    /**
     * Turns abandoned-handle detection on or off.
     *
     * @param detect whether to detect and reclaim leases whose handle became unreachable
     * @return this builder
     */
    public Builder detectAbandoned(boolean detect) {
      this.detectAbandoned = detect;
      return this;
    }

    /**
     * Sets the hold time after which a lease is reported as a suspected leak.
     *
     * @param threshold zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the threshold is null or negative
     */
    public Builder leakWarningThreshold(Duration threshold) {
      this.leakWarningThreshold = Checks.notNegative("leakWarningThreshold", threshold);
      return this;
    }

    /**
     * Sets the hold time after which a lease is forcibly reclaimed.
     *
     * @param limit zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the limit is null or negative
     */
    public Builder maxHoldTime(Duration limit) {
      this.maxHoldTime = Checks.notNegative("maxHoldTime", limit);
      return this;
    }

    /**
     * Sets what happens to the resource of a lease reclaimed as abandoned.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalArgumentException if the policy is null
     */
    public Builder leakReclaimPolicy(LeakReclaimPolicy policy) {
      Checks.require(policy != null, "leakReclaimPolicy", null, "one of DESTROY, RESET_AND_REUSE");
      this.leakReclaimPolicy = policy;
      return this;
    }

    /**
     * Sets how often acquisition call sites are captured.
     *
     * @param level the level
     * @return this builder
     * @throws IllegalArgumentException if the level is null
     */
    public Builder callSiteCapture(CallSiteCapture level) {
      Checks.require(level != null, "callSiteCapture", null, "one of OFF, SAMPLED, ALL");
      this.callSiteCapture = level;
      return this;
    }

    /**
     * Sets N for {@link CallSiteCapture#SAMPLED}.
     *
     * @param rate at least 1 (1 captures every lease)
     * @return this builder
     * @throws IllegalArgumentException if the rate is below 1
     */
    public Builder callSiteSampleRate(int rate) {
      Checks.atLeast("callSiteSampleRate", rate, 1);
      this.callSiteSampleRate = rate;
      return this;
    }

    /**
     * Keeps the whole acquisition stack with each captured call site.
     *
     * @param capture whether to keep stacks
     * @return this builder
     */
    public Builder captureStackTraces(boolean capture) {
      this.captureStackTraces = capture;
      return this;
    }

    /**
     * Adds class-name prefixes whose frames are never a call site (for example a framework's
     * data-access layer, so that the call site is your code that called it).
     *
     * @param prefixes package or class-name prefixes, such as {@code "org.springframework.jdbc."}
     * @return this builder
     * @throws IllegalArgumentException if a prefix is null or blank
     */
    public Builder callSiteSkipPrefixes(String... prefixes) {
      for (String p : prefixes) {
        Checks.require(
            p != null && !p.isBlank(),
            "callSiteSkipPrefixes",
            p == null ? null : "\"" + p + "\"",
            "a non-blank class-name prefix");
        callSiteSkipPrefixes.add(p);
      }
      return this;
    }

    /**
     * Sets the bound on distinct call sites kept in the statistics table.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if max is below 1
     */
    public Builder maxCallSites(int max) {
      Checks.atLeast("maxCallSites", max, 1);
      this.maxCallSites = max;
      return this;
    }

    /**
     * Sets the minimum interval between collections requested on exhaustion.
     *
     * @param interval zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the interval is null or negative
     */
    public Builder gcOnExhaustion(Duration interval) {
      this.gcOnExhaustion = Checks.notNegative("gcOnExhaustion", interval);
      this.gcOnExhaustionSet = true;
      return this;
    }

    /**
     * Sets how long close waits for leases to come back.
     *
     * @param timeout zero (force at once) or more
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null or negative
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Checks.notNegative("shutdownTimeout", timeout);
      return this;
    }

    /**
     * Sets the wait above which an acquisition is reported as slow.
     *
     * @param threshold zero (off) or more
     * @return this builder
     * @throws IllegalArgumentException if the threshold is null or negative
     */
    public Builder slowAcquireThreshold(Duration threshold) {
      this.slowAcquireThreshold = Checks.notNegative("slowAcquireThreshold", threshold);
      return this;
    }

    /**
     * Sets a supplier read at each acquisition to tag the lease (a trace id, a request path).
     * It runs on the borrower's thread and must be fast and must not throw.
     *
     * @param supplier the supplier, or {@code null} for none
     * @return this builder
     */
    public Builder tagSupplier(Supplier<String> supplier) {
      this.tagSupplier = supplier;
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener (see {@link PoolListener} for its contract)
     * @return this builder
     * @throws IllegalArgumentException if the listener is null
     */
    public Builder listener(PoolListener listener) {
      Checks.require(listener != null, "listener", null, "a non-null PoolListener");
      listeners.add(listener);
      return this;
    }

    /**
     * Turns the built-in {@link System.Logger} listener on or off.
     *
     * @param on whether to log leak reports, creation failures and closes
     * @return this builder
     */
    public Builder logging(boolean on) {
      this.logging = on;
      return this;
    }

    /**
     * Turns the built-in JFR listener on or off.
     *
     * @param on whether to emit JFR events
     * @return this builder
     */
    public Builder jfr(boolean on) {
      this.jfr = on;
      return this;
    }

    /**
     * Sets the time source.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalArgumentException if the ticker is null
     */
    public Builder ticker(Ticker ticker) {
      Checks.require(ticker != null, "ticker", null, "a non-null Ticker");
      this.ticker = ticker;
      return this;
    }

    /**
     * Sets a scheduler for maintenance; the pool does not shut it down.
     *
     * @param scheduler the scheduler, or {@code null} to let the pool make its own
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the executor for the pool's background work (creations, destroys, keepalive
     * validations, requested collections); the pool does not shut it down. It must run every task
     * it accepts (or reject it with {@link java.util.concurrent.RejectedExecutionException}), and
     * must not run a creation on the thread of a caller that waits for it: the default uses the
     * pool's own daemon threads. Tests on fake time give an executor that queues the tasks and
     * run them on the test thread, so that nothing happens in the background.
     *
     * @param executor the executor, or {@code null} to let the pool use its own threads
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Turns self-scheduled maintenance on or off (tests on fake time sweep by hand).
     *
     * @param on whether the pool schedules its own sweeps
     * @return this builder
     */
    public Builder housekeeping(boolean on) {
      this.housekeeping = on;
      return this;
    }

    /**
     * Checks the settings against each other and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if two settings conflict; the message names both values
     */
    public PoolConfig build() {
      if (minIdle > maxSize) {
        throw Checks.conflict(
            "minIdle (" + minIdle + ") must not exceed maxSize (" + maxSize + ")");
      }
      if (on(idleTimeout) && on(maxLifetime) && idleTimeout.compareTo(maxLifetime) >= 0) {
        throw Checks.conflict(
            "idleTimeout ("
                + idleTimeout
                + ") must be shorter than maxLifetime ("
                + maxLifetime
                + "), or one of them ZERO (off)");
      }
      if (on(keepaliveTime) && on(maxLifetime) && keepaliveTime.compareTo(maxLifetime) >= 0) {
        throw Checks.conflict(
            "keepaliveTime ("
                + keepaliveTime
                + ") must be shorter than maxLifetime ("
                + maxLifetime
                + "), or one of them ZERO (off)");
      }
      if (validationTimeout != null
          && on(acquireTimeout)
          && validationTimeout.compareTo(acquireTimeout) >= 0) {
        throw Checks.conflict(
            "validationTimeout ("
                + validationTimeout
                + ") must be shorter than acquireTimeout ("
                + acquireTimeout
                + ")");
      }
      if (gcOnExhaustionSet && on(gcOnExhaustion) && !detectAbandoned) {
        throw Checks.conflict(
            "gcOnExhaustion ("
                + gcOnExhaustion
                + ") only finds leaks with detectAbandoned on; set gcOnExhaustion to ZERO or"
                + " turn detectAbandoned on");
      }
      if (on(leakWarningThreshold)
          && on(maxHoldTime)
          && leakWarningThreshold.compareTo(maxHoldTime) >= 0) {
        throw Checks.conflict(
            "leakWarningThreshold ("
                + leakWarningThreshold
                + ") must be shorter than maxHoldTime ("
                + maxHoldTime
                + "): a lease would be reclaimed before it is ever reported");
      }
      return new PoolConfig(this);
    }

    private static boolean on(Duration d) {
      return !d.isZero();
    }
  }

  /** Validation helpers whose messages name the property, the value and the rule. */
  static final class Checks {
    private Checks() {}

    static void require(boolean ok, String property, Object value, String rule) {
      if (!ok) {
        throw new IllegalArgumentException(property + " must be " + rule + " but was " + value);
      }
    }

    static void atLeast(String property, int value, int min) {
      require(value >= min, property, value, ">= " + min);
    }

    static Duration notNegative(String property, Duration d) {
      require(d != null && !d.isNegative(), property, d, "zero or positive (ZERO turns it off)");
      return d;
    }

    static Duration positive(String property, Duration d) {
      require(d != null && d.isPositive(), property, d, "positive");
      return d;
    }

    static IllegalStateException conflict(String message) {
      return new IllegalStateException("Conflicting pool settings: " + message);
    }
  }
}
