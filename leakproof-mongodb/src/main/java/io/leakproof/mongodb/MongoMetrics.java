package io.leakproof.mongodb;

import io.leakproof.micrometer.MeterNames;
import io.leakproof.mongodb.internal.CheckoutTracker;
import io.leakproof.mongodb.internal.ClientHandler;
import io.leakproof.mongodb.internal.StatsSum;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a {@link LeakproofMongoClient}, with the JDBC pool's names
 * ({@link MeterNames}: {@code leakproof.connections.*}) so that the dashboard and the alert rules
 * in {@code monitoring/} cover MongoDB too. Every meter is tagged {@code pool=<name>} and
 * {@code server=<host:port>}; past {@link #DEFAULT_SERVER_TAGS} servers (a large sharded
 * cluster), the rest are summed under {@code server=other}, so the series count stays bounded.
 *
 * <pre>{@code
 * MongoMetrics.Binding metrics = MongoMetrics.bindTo(client, prometheusRegistry);
 * }</pre>
 *
 * <p>Prometheus wants every meter of one name to have the same tag keys: in a registry shared
 * with JDBC pools, give their {@code PoolMetrics} a {@code server} tag too
 * ({@code PoolMetrics.builder().tag("server", "jdbc")}).
 *
 * <p>Meters read a snapshot of the client's pools taken at most once a second, so a scrape costs
 * one pass over the servers, and checkouts cost nothing extra.
 */
public final class MongoMetrics {
  /** The tag with the server's {@code host:port}. */
  public static final String TAG_SERVER = "server";

  /** The {@link #TAG_SERVER} value that sums the servers without their own value. */
  public static final String OTHER_SERVERS = "other";

  /** Servers with their own tag value; each costs about 20 series. */
  public static final int DEFAULT_SERVER_TAGS = 16;

  /** A scrape reuses a snapshot younger than this. */
  private static final long SNAPSHOT_NANOS = 1_000_000_000L;

  private MongoMetrics() {}

  /**
   * Registers the client's meters.
   *
   * @param client a client from {@link LeakproofMongo}
   * @param registry where to register
   * @return the binding; close it to remove the meters
   * @throws IllegalArgumentException if the client was not made by {@link LeakproofMongo}
   */
  public static Binding bindTo(LeakproofMongoClient client, MeterRegistry registry) {
    return bindTo(client, registry, DEFAULT_SERVER_TAGS);
  }

  /**
   * Registers the client's meters with a chosen bound on server tag values.
   *
   * @param client a client from {@link LeakproofMongo}
   * @param registry where to register
   * @param serverTags servers with their own tag value, 1 to 256
   * @return the binding; close it to remove the meters
   * @throws IllegalArgumentException if serverTags is out of range or the client was not made
   *     by {@link LeakproofMongo}
   */
  public static Binding bindTo(LeakproofMongoClient client, MeterRegistry registry, int serverTags) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(registry, "registry");
    if (serverTags < 1 || serverTags > 256) {
      throw new IllegalArgumentException("serverTags must be between 1 and 256 but was " + serverTags);
    }
    Binding b = new Binding(client.name(), ClientHandler.trackerOf(client), registry, serverTags);
    b.tracker.onNewServer(b::serverSeen);
    return b;
  }

  /** The meters of one client in one registry. Thread-safe; {@link #close()} is idempotent. */
  public static final class Binding implements AutoCloseable {
    private final String pool;
    private final CheckoutTracker tracker;
    private final MeterRegistry registry;
    private final int serverTags;
    private final List<Meter> meters = new ArrayList<>();
    private final Set<String> tagged = new HashSet<>();
    private boolean otherRegistered;
    private boolean closed;
    private Map<String, MongoPoolStats> snapshot = Map.of();
    private long snapshotAtNanos;

    private Binding(String pool, CheckoutTracker tracker, MeterRegistry registry, int serverTags) {
      this.pool = pool;
      this.tracker = tracker;
      this.registry = registry;
      this.serverTags = serverTags;
    }

    private synchronized void serverSeen(String address) {
      if (closed || tagged.contains(address)) {
        return;
      }
      if (tagged.size() < serverTags) {
        tagged.add(address);
        register(address);
      } else if (!otherRegistered) {
        otherRegistered = true;
        register(OTHER_SERVERS);
      }
    }

    /** The stats of one tag value: a server, or the sum of the untagged ones. */
    private synchronized MongoPoolStats stats(String server) {
      long now = System.nanoTime();
      if (now - snapshotAtNanos > SNAPSHOT_NANOS || snapshot.isEmpty()) {
        snapshot = tracker.serverStats();
        snapshotAtNanos = now;
      }
      if (!server.equals(OTHER_SERVERS)) {
        MongoPoolStats s = snapshot.get(server);
        return s != null ? s : SUM_OF_NONE;
      }
      List<MongoPoolStats> rest = new ArrayList<>();
      snapshot.forEach(
          (k, v) -> {
            if (!tagged.contains(k)) {
              rest.add(v);
            }
          });
      return StatsSum.sum(rest, 0, 0, 0);
    }

    private static final MongoPoolStats SUM_OF_NONE = StatsSum.sum(List.of(), 0, 0, 0);

    private void register(String server) {
      Tags tags = Tags.of(MeterNames.TAG_POOL, pool, TAG_SERVER, server);
      gauge(MeterNames.MAX, "The driver's maxPoolSize", tags, server, MongoPoolStats::maxPoolSize);
      gauge(MeterNames.OPEN, "Open connections (mgo SocketsAlive)", tags, server,
          MongoPoolStats::socketsAlive);
      gauge(MeterNames.IDLE, "Connections ready to lend", tags, server, MongoPoolStats::idle);
      gauge(MeterNames.LEASED, "Connections checked out (mgo SocketsInUse)", tags, server,
          MongoPoolStats::socketsInUse);
      gauge(MeterNames.CONNECTING, "Connections being established", tags, server,
          MongoPoolStats::connecting);
      gauge(MeterNames.WAITING, "Threads waiting for a checkout", tags, server,
          MongoPoolStats::waiting);
      gauge(MeterNames.LEASED_PEAK, "Most connections checked out at once", tags, server,
          MongoPoolStats::peakInUse);
      counter(MeterNames.ACQUIRED, "Checkouts granted", tags, server, MongoPoolStats::checkouts);
      counter(MeterNames.TIMEOUTS, "Checkouts that timed out", tags, server,
          MongoPoolStats::timeouts);
      counter(MeterNames.OPENED, "Connections created", tags, server, MongoPoolStats::created);
      counter(MeterNames.CREATION_FAILURES, "Checkouts failed by a connection error", tags,
          server, MongoPoolStats::checkoutErrors);
      counter(MeterNames.LEAKS_SUSPECTED, "Checkouts held past leakWarningThreshold", tags,
          server, MongoPoolStats::leaksSuspected);
      counter(MeterNames.LEAKS_RECLAIMED, "Leaked cursors killed by Leakproof", tags, server,
          MongoPoolStats::cursorLeaks);
      for (String reason : List.of("stale", "idle", "error", "pool_closed")) {
        counter(MeterNames.CLOSED, "Connections closed, by reason",
            tags.and(MeterNames.TAG_REASON, reason), server,
            s -> s.closedByReason().getOrDefault(reason, 0L));
      }
      meters.add(
          FunctionTimer.builder(
                  MeterNames.WAIT,
                  this,
                  b -> b.stats(server).waitCount(),
                  b -> b.stats(server).totalWait().toNanos(),
                  TimeUnit.NANOSECONDS)
              .tags(tags)
              .description("Checkouts that waited at least 1 ms, and the time all checkouts waited")
              .register(registry));
    }

    private void gauge(
        String name, String help, Tags tags, String server, ToDoubleFunction<MongoPoolStats> f) {
      meters.add(
          Gauge.builder(name, this, b -> f.applyAsDouble(b.stats(server)))
              .tags(tags)
              .description(help)
              .strongReference(true)
              .register(registry));
    }

    private void counter(
        String name, String help, Tags tags, String server, ToDoubleFunction<MongoPoolStats> f) {
      meters.add(
          FunctionCounter.builder(name, this, b -> f.applyAsDouble(b.stats(server)))
              .tags(tags)
              .description(help)
              .register(registry));
    }

    /** Removes the meters. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      meters.forEach(registry::remove);
      meters.clear();
    }
  }
}
