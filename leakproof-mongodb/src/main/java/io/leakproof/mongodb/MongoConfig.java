package io.leakproof.mongodb;

import io.leakproof.CallSiteCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What Leakproof adds to a MongoDB client: how call sites are captured, when a checkout counts as
 * held too long, how many clients one cluster may have before the forgotten-client guard warns,
 * and who hears the reports. Immutable; built by {@link #builder()}, which validates every value.
 *
 * <pre>{@code
 * MongoConfig config = MongoConfig.builder().name("orders").maxClientsPerCluster(4).build();
 * LeakproofMongoClient client = LeakproofMongo.create(settings, config);
 * }</pre>
 */
public final class MongoConfig {
  /**
   * Default of {@link #callSiteSampleRate()}: a checkout wraps a server round trip (tens of
   * microseconds on loopback, milliseconds over a network), so one stack walk (about a
   * microsecond) in 16 checkouts costs well under 1%.
   */
  public static final int DEFAULT_CALL_SITE_SAMPLE_RATE = 16;

  /** Default of {@link #leakWarningThreshold()}: the JDBC pool's default. */
  public static final Duration DEFAULT_LEAK_WARNING_THRESHOLD = Duration.ofSeconds(60);

  /**
   * Default of {@link #maxClientsPerCluster()}: a service needs one client per cluster; a few
   * more happen (tests, tools, a second credential), dozens mean clients created per request.
   */
  public static final int DEFAULT_MAX_CLIENTS_PER_CLUSTER = 8;

  /** Default of {@link #maxCallSites()}: enough for every query site of a large service. */
  public static final int DEFAULT_MAX_CALL_SITES = 1024;

  private final String name;
  private final CallSiteCapture callSiteCapture;
  private final int callSiteSampleRate;
  private final CallSiteCapture cursorCallSites;
  private final Duration leakWarningThreshold;
  private final int maxClientsPerCluster;
  private final int maxCallSites;
  private final List<String> callSiteSkipPrefixes;
  private final List<Consumer<MongoLeakReport>> listeners;

  private MongoConfig(Builder b) {
    this.name = b.name;
    this.callSiteCapture = b.callSiteCapture;
    this.callSiteSampleRate = b.callSiteSampleRate;
    this.cursorCallSites = b.cursorCallSites;
    this.leakWarningThreshold = b.leakWarningThreshold;
    this.maxClientsPerCluster = b.maxClientsPerCluster;
    this.maxCallSites = b.maxCallSites;
    this.callSiteSkipPrefixes = List.copyOf(b.callSiteSkipPrefixes);
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the defaults.
   *
   * @return a configuration with every default
   */
  public static MongoConfig defaults() {
    return builder().build();
  }

  /**
   * Returns the name used in messages, metrics ({@code pool} tag) and JFR events.
   *
   * @return the name, default {@code "mongodb"}
   */
  public String name() {
    return name;
  }

  /**
   * Returns how often a checkout's call site is captured. {@link CallSiteCapture#SAMPLED} also
   * captures every checkout that waited for a connection and every checkout for ten minutes after
   * a checkout timeout or a held-too-long report.
   *
   * @return the level, default {@link CallSiteCapture#SAMPLED}
   */
  public CallSiteCapture callSiteCapture() {
    return callSiteCapture;
  }

  /**
   * Returns N of "one checkout in N" for {@link CallSiteCapture#SAMPLED}.
   *
   * @return the rate, default {@value #DEFAULT_CALL_SITE_SAMPLE_RATE}
   */
  public int callSiteSampleRate() {
    return callSiteSampleRate;
  }

  /**
   * Returns how often the opening line of a cursor, session or client is captured. A cursor is
   * opened by a server round trip, so capturing every one costs a few percent of the find at
   * most, and a leak report without its line is of little use.
   *
   * @return {@link CallSiteCapture#ALL} (default) or {@link CallSiteCapture#OFF}; SAMPLED is
   *     treated as ALL
   */
  public CallSiteCapture cursorCallSites() {
    return cursorCallSites;
  }

  /**
   * Returns how long a checkout may be held before it is reported as a possible leak.
   *
   * @return the threshold; {@link Duration#ZERO} means off
   */
  public Duration leakWarningThreshold() {
    return leakWarningThreshold;
  }

  /**
   * Returns how many open clients one cluster may have before the forgotten-client guard warns.
   *
   * @return the limit, default {@value #DEFAULT_MAX_CLIENTS_PER_CLUSTER}
   */
  public int maxClientsPerCluster() {
    return maxClientsPerCluster;
  }

  /**
   * Returns how many call sites get their own statistics; later ones share one bucket.
   *
   * @return the number, default {@value #DEFAULT_MAX_CALL_SITES}
   */
  public int maxCallSites() {
    return maxCallSites;
  }

  /**
   * Returns the class-name prefixes skipped when looking for a call site, in addition to the
   * JDK, the driver ({@code com.mongodb.}) and Leakproof.
   *
   * @return the prefixes
   */
  public List<String> callSiteSkipPrefixes() {
    return callSiteSkipPrefixes;
  }

  /**
   * Returns who hears leak reports besides the {@code System.Logger} named
   * {@code io.leakproof.mongodb}.
   *
   * @return the listeners
   */
  public List<Consumer<MongoLeakReport>> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    return "MongoConfig{name="
        + name
        + ", callSiteCapture="
        + callSiteCapture
        + ", callSiteSampleRate="
        + callSiteSampleRate
        + ", cursorCallSites="
        + cursorCallSites
        + ", leakWarningThreshold="
        + leakWarningThreshold
        + ", maxClientsPerCluster="
        + maxClientsPerCluster
        + "}";
  }

  /** Builds a {@link MongoConfig}; every setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String name = "mongodb";
    private CallSiteCapture callSiteCapture = CallSiteCapture.SAMPLED;
    private int callSiteSampleRate = DEFAULT_CALL_SITE_SAMPLE_RATE;
    private CallSiteCapture cursorCallSites = CallSiteCapture.ALL;
    private Duration leakWarningThreshold = DEFAULT_LEAK_WARNING_THRESHOLD;
    private int maxClientsPerCluster = DEFAULT_MAX_CLIENTS_PER_CLUSTER;
    private int maxCallSites = DEFAULT_MAX_CALL_SITES;
    private final List<String> callSiteSkipPrefixes = new ArrayList<>();
    private final List<Consumer<MongoLeakReport>> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param name a non-blank name without control characters
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or has control characters
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "name must be non-blank without control characters but was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the checkout call-site capture level.
     *
     * @param level the level
     * @return this builder
     */
    public Builder callSiteCapture(CallSiteCapture level) {
      this.callSiteCapture = Objects.requireNonNull(level, "callSiteCapture");
      return this;
    }

    /**
     * Sets N of "one checkout in N" for SAMPLED capture.
     *
     * @param rate at least 1 (1 captures every checkout)
     * @return this builder
     * @throws IllegalArgumentException if the rate is below 1
     */
    public Builder callSiteSampleRate(int rate) {
      if (rate < 1) {
        throw new IllegalArgumentException("callSiteSampleRate must be >= 1 but was " + rate);
      }
      this.callSiteSampleRate = rate;
      return this;
    }

    /**
     * Sets whether cursors, sessions and clients record the line that opened them.
     *
     * @param level ALL, or OFF; SAMPLED counts as ALL
     * @return this builder
     */
    public Builder cursorCallSites(CallSiteCapture level) {
      this.cursorCallSites = Objects.requireNonNull(level, "cursorCallSites");
      return this;
    }

    /**
     * Sets how long a checkout may be held before it is reported.
     *
     * @param threshold positive, or {@link Duration#ZERO} for off
     * @return this builder
     * @throws IllegalArgumentException if the threshold is negative
     */
    public Builder leakWarningThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "leakWarningThreshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException(
            "leakWarningThreshold must be >= 0 (0 = off) but was " + threshold);
      }
      this.leakWarningThreshold = threshold;
      return this;
    }

    /**
     * Sets how many open clients one cluster may have before the guard warns.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if max is below 1
     */
    public Builder maxClientsPerCluster(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxClientsPerCluster must be >= 1 but was " + max);
      }
      this.maxClientsPerCluster = max;
      return this;
    }

    /**
     * Sets how many call sites get their own statistics.
     *
     * @param max between 1 and 65536
     * @return this builder
     * @throws IllegalArgumentException if max is out of range
     */
    public Builder maxCallSites(int max) {
      if (max < 1 || max > 65_536) {
        throw new IllegalArgumentException(
            "maxCallSites must be between 1 and 65536 but was " + max);
      }
      this.maxCallSites = max;
      return this;
    }

    /**
     * Adds a class-name prefix to skip when looking for a call site (your own DAO helper, say).
     *
     * @param prefix a non-blank prefix such as {@code "com.example.db."}
     * @return this builder
     * @throws IllegalArgumentException if the prefix is blank
     */
    public Builder callSiteSkipPrefix(String prefix) {
      Objects.requireNonNull(prefix, "callSiteSkipPrefix");
      if (prefix.isBlank()) {
        throw new IllegalArgumentException("callSiteSkipPrefix must be non-blank but was ''");
      }
      callSiteSkipPrefixes.add(prefix);
      return this;
    }

    /**
     * Adds a listener for leak reports. Listeners must be fast and must not throw; a throwing
     * listener is logged and skipped.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Consumer<MongoLeakReport> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public MongoConfig build() {
      return new MongoConfig(this);
    }
  }
}
