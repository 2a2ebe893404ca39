package io.leakproof.http.internal;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolClosedException;
import io.leakproof.PoolConfig;
import io.leakproof.PoolStats;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.HttpPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine pool of permits per route, plus one for the total bound: the whole engine (limit,
 * FIFO, leak proof, diagnosis, stats, listeners, JFR) through its public API.
 *
 * <p>Implementation notes: a request takes the total permit first, then the route's, and gives
 * them back in the opposite order; nobody holds a route permit while waiting for a total one, so
 * there is no cycle and no deadlock. A request queued for a full route holds a total permit while
 * it waits, which can delay requests to other routes (never past their timeout); set maxTotal
 * well above maxPerRoute, or leave it off, where that matters. Route pools are created on first
 * use under {@link ConcurrentHashMap#computeIfAbsent}, which opens a pool without I/O.
 */
public final class RoutePools implements HttpPools {
  private final HttpPoolConfig config;
  private final List<String> skipPrefixes;
  private final ConcurrentHashMap<String, Pool<Permit>> routes = new ConcurrentHashMap<>();
  private final Pool<Permit> total; // null without a total bound
  private volatile boolean closed;

  /**
   * Opens the pools of one client.
   *
   * @param config the bounds
   * @param skipPrefixes the client library's packages, never a call site
   */
  public RoutePools(HttpPoolConfig config, String... skipPrefixes) {
    this.config = config;
    this.skipPrefixes = List.of(skipPrefixes);
    this.total =
        config.maxTotal() == 0
            ? null
            : Pool.open(
totalConfig(), new PermitFactory("any route"));
  }

  /**
   * Takes a permit for one connection to a route, waiting in FIFO order.
   *
   * @param route {@code host:port}
   * @param timeout how long to wait in all, or {@code null} for the template's acquire timeout
   * @return the ticket; release it when the connection is given back
   * @throws AcquireTimeoutException if no permit came in time (the message names the holders)
   * @throws PoolClosedException if the client is closed
   * @throws IllegalStateException if the route would exceed maxRoutes
   */
  @SuppressWarnings("MustBeClosedChecker") // the ticket owns the leases and ends them
  public Ticket acquire(String route, Duration timeout) {
    Pool<Permit> pool = route(route);
    Duration wait = timeout == null ? config.perRoute().acquireTimeout() : timeout;
    if (total == null) {
      return new Ticket(pool.acquire(wait), null);
    }
    long start = System.nanoTime();
    Lease<Permit> totalLease;
    try {
      totalLease = total.acquire(wait);
    } catch (AcquireTimeoutException e) {
      throw withRoutes(e);
    }
    try {
      Duration left = wait.minusNanos(System.nanoTime() - start);
      return new Ticket(pool.acquire(left.isNegative() ? Duration.ZERO : left), totalLease);
    } catch (RuntimeException e) {
      totalLease.close();
      throw e instanceof AcquireTimeoutException t ? withRoutes(t) : e;
    }
  }

  private Pool<Permit> route(String route) {
    Pool<Permit> pool = routes.get(route);
    if (pool != null) {
      return pool;
    }
    if (closed) {
      throw new PoolClosedException(config.name(), "HTTP client '" + config.name() + "' is closed");
    }
    if (routes.size() >= config.maxRoutes()) {
      throw new IllegalStateException(
          "maxRoutes ("
              + config.maxRoutes()
              + ") reached for HTTP client '"
              + config.name()
              + "': no pool for route "
              + route
              + "; raise HttpPoolConfig.maxRoutes if this client really talks to that many hosts");
    }
    return routes.computeIfAbsent(
        route,
        r -> {
          PoolConfig.Builder b = routeConfig(r);
          config.routeListener().apply(r).forEach(b::listener);
          Pool<Permit> opened = Pool.open(b.build(), new PermitFactory(r));
          config.onRouteOpened().accept(r, opened);
          return opened;
        });
  }

  private PoolConfig.Builder routeConfig(String route) {
    PoolConfig t = config.perRoute();
    return t.toBuilder()
        .name(poolName(t.name(), route))
        .callSiteSkipPrefixes(skipPrefixes.toArray(String[]::new));
  }

  /**
   * Names a route's pool {@code <name>.<host>_<port>}: pool names allow letters, digits, '.', '_'
   * and '-' only, up to 64 characters (the route's end is kept, it tells routes apart).
   */
  public static String poolName(String base, String route) {
    String safe = route.replace(':', '_').replaceAll("[^A-Za-z0-9._-]", "-");
    String name = base + "." + safe;
    return name.length() <= 64 ? name : name.substring(name.length() - 64);
  }

  /**
   * The total pool leaks together with a route pool (one ticket holds both leases): it reclaims
   * silently, so that each leak is reported once, by its route.
   */
  private PoolConfig totalConfig() {
    PoolConfig t = config.perRoute();
    return PoolConfig.builder()
        .name(poolName(t.name(), "total"))
        .maxSize(config.maxTotal())
        .acquireTimeout(t.acquireTimeout())
        .maxWaiting(t.maxWaiting())
        .callSiteCapture(t.callSiteCapture())
        .callSiteSampleRate(t.callSiteSampleRate())
        .callSiteSkipPrefixes(t.callSiteSkipPrefixes().toArray(String[]::new))
        .callSiteSkipPrefixes(skipPrefixes.toArray(String[]::new))
        .leakWarningThreshold(Duration.ZERO)
        .maxHoldTime(t.maxHoldTime())
        .shutdownTimeout(t.shutdownTimeout())
        .logging(false)
        .jfr(false)
        .build();
  }

  /** The timeout names the holders of the pool that timed out; this adds every route's state. */
  private AcquireTimeoutException withRoutes(AcquireTimeoutException e) {
    StringBuilder sb = new StringBuilder(e.getMessage()).append("\nRoutes of '")
        .append(config.name()).append("':");
    for (Map.Entry<String, Pool<Permit>> r : new TreeMap<>(routes).entrySet()) {
      sb.append("\n  ").append(r.getKey()).append(": ").append(r.getValue().stats().gauges());
    }
    return new AcquireTimeoutException(
        e.poolName(), sb.toString(), e, e.waited(), e.stats(), e.longestHeld());
  }

  @Override
  public Map<String, Pool<?>> routes() {
    return Map.copyOf(routes);
  }

  @Override
  public Optional<Pool<?>> total() {
    return Optional.ofNullable(total);
  }

  @Override
  public Optional<PoolStats> stats(String route) {
    Pool<Permit> pool = routes.get(route);
    return pool == null ? Optional.empty() : Optional.of(pool.stats());
  }

  @Override
  public HttpPoolConfig config() {
    return config;
  }

  /** Closes the route pools in parallel, so the shutdown timeout bounds the whole close. */
  @Override
  public void close() {
    closed = true;
    List<Thread> closers = new ArrayList<>();
    for (Pool<Permit> pool : routes.values()) {
      closers.add(Thread.ofVirtual().name("leakproof-http-close").start(pool::close));
    }
    boolean interrupted = false;
    for (Thread t : closers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (total != null) {
      total.close();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
