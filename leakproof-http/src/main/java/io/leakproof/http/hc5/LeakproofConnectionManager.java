package io.leakproof.http.hc5;

import io.leakproof.AcquireInterruptedException;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.HttpPools;
import io.leakproof.http.internal.RoutePools;
import io.leakproof.http.internal.Ticket;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An Apache HttpClient 5 connection manager that unclosed responses cannot exhaust. Connections
 * are HttpClient's own ({@link PoolingHttpClientConnectionManager}: connect, TLS, proxies,
 * keep-alive, stale checks); Leakproof's engine holds the bounds: a permit per connection in use,
 * per route and in total, waited for in FIFO order with a timeout that names the holders. A
 * response dropped without closing is proven leaked by the GC, reported once with the line that
 * executed the request, and reclaimed: its connection is closed and its permit freed.
 *
 * <pre>{@code
 * LeakproofConnectionManager cm = LeakproofConnectionManager.create(HttpPoolConfig.builder()
 *     .perRoute(PoolConfig.builder().name("payments-api").maxSize(10).build())
 *     .maxTotal(50).build());
 * CloseableHttpClient client = HttpClients.custom().setConnectionManager(cm).build();
 * }</pre>
 *
 * <p>The wait for a permit runs on the caller's thread within
 * {@code RequestConfig.connectionRequestTimeout}; when it times out HttpClient throws its own
 * {@code ConnectionRequestTimeoutException} whose message is Leakproof's diagnosis.
 */
// The client is an optional module (requires static): its users require it themselves.
@SuppressWarnings("exports")
public final class LeakproofConnectionManager implements HttpClientConnectionManager {
  private static final String[] CLIENT_PACKAGES = {"org.apache.hc."};

  private final PoolingHttpClientConnectionManager delegate;
  private final RoutePools pools;

  private LeakproofConnectionManager(HttpPoolConfig config, PoolingHttpClientConnectionManager d) {
    this.delegate = d;
    this.pools = new RoutePools(config, CLIENT_PACKAGES);
    int perRoute = config.perRoute().maxSize();
    // The permits bound the connections in use, so the client's pool never makes a permit
    // holder wait; its limits equal Leakproof's so that idle connections kept for one route are
    // closed (least recently used first) before another route opens one past the total.
    d.setDefaultMaxPerRoute(perRoute);
    d.setMaxTotal(config.maxTotal() == 0 ? perRoute * config.maxRoutes() : config.maxTotal());
  }

  /**
   * Creates a manager over a new {@link PoolingHttpClientConnectionManager} whose connections
   * close after the template's {@code idleTimeout} idle and {@code maxLifetime} in all.
   *
   * @param config the bounds and the engine settings
   * @return the manager
   */
  public static LeakproofConnectionManager create(HttpPoolConfig config) {
    ConnectionConfig connections =
        ConnectionConfig.custom()
            .setIdleTimeout(
                config.perRoute().idleTimeout().isZero()
                    ? null
                    : Timeout.ofMilliseconds(config.perRoute().idleTimeout().toMillis()))
            .setTimeToLive(timeValue(config.perRoute().maxLifetime()))
            .build();
    return wrap(
        config,
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(connections)
            .build());
  }

  /**
   * Puts the bounds in front of an existing manager (keeping its TLS, DNS and socket settings).
   * Its own per-route and total limits are set to Leakproof's: with no more requests in flight
   * than permits it never makes one wait, and it closes idle connections of one route before
   * another route opens one past the total, so the physical total holds too.
   *
   * @param config the bounds and the engine settings
   * @param delegate the manager that owns the connections; closed with this one
   * @return the manager
   */
  public static LeakproofConnectionManager wrap(
      HttpPoolConfig config, PoolingHttpClientConnectionManager delegate) {
    return new LeakproofConnectionManager(config, delegate);
  }

  private static TimeValue timeValue(Duration d) {
    return d.isZero() ? null : TimeValue.ofMilliseconds(d.toMillis());
  }

  /**
   * Returns the engine pools (one per route, one for the total).
   *
   * @return the pools
   */
  public HttpPools pools() {
    return pools;
  }

  /**
   * Returns the client's own manager that owns the connections.
   *
   * @return the delegate
   */
  public PoolingHttpClientConnectionManager delegate() {
    return delegate;
  }

  static String routeKey(HttpRoute route) {
    HttpHost target = route.getTargetHost();
    return target.getHostName() + ":" + target.getPort();
  }

  @Override
  public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
    return new LeaseRequest() {
      @Override
      public ConnectionEndpoint get(Timeout timeout)
          throws InterruptedException, ExecutionException, TimeoutException {
        return acquire(id, route, timeout == null ? requestTimeout : timeout, state);
      }

      @Override
      public boolean cancel() {
        return false;
      }
    };
  }

  private ConnectionEndpoint acquire(String id, HttpRoute route, Timeout timeout, Object state)
      throws InterruptedException, ExecutionException, TimeoutException {
    Duration wait =
        timeout == null || timeout.isDisabled()
            ? null
            : Duration.ofNanos(timeout.getTimeUnit().toNanos(timeout.getDuration()));
    long start = System.nanoTime();
    Ticket ticket;
    try {
      ticket = pools.acquire(routeKey(route), wait);
    } catch (AcquireTimeoutException e) {
      TimeoutException t = new TimeoutException(e.getMessage());
      t.initCause(e);
      throw t;
    } catch (AcquireInterruptedException e) {
      InterruptedException i = new InterruptedException(e.getMessage());
      i.initCause(e);
      throw i;
    }
    try {
      long leftNanos =
          wait == null ? TimeUnit.MINUTES.toNanos(3) : wait.toNanos() - (System.nanoTime() - start);
      Timeout left = Timeout.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNanos)), TimeUnit.MILLISECONDS);
      ConnectionEndpoint inner = delegate.lease(id, route, left, state).get(left);
      ticket.bind(new Reclaim(delegate, inner));
      return new LeakproofEndpoint(inner, ticket);
    } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
      ticket.release();
      throw e;
    }
  }

  @Override
  public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
    LeakproofEndpoint e = (LeakproofEndpoint) endpoint;
    ConnectionEndpoint inner = e.detach();
    try {
      if (inner != null && e.holdsPermit()) { // else reclaimed: the reclaim released it
        delegate.release(inner, newState, validDuration);
      }
    } finally {
      e.release();
    }
  }

  @Override
  public void connect(ConnectionEndpoint endpoint, TimeValue timeout, HttpContext context)
      throws IOException {
    delegate.connect(innerOf(endpoint), timeout, context);
  }

  @Override
  public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
    delegate.upgrade(innerOf(endpoint), context);
  }

  private static ConnectionEndpoint innerOf(ConnectionEndpoint endpoint) {
    ConnectionEndpoint inner = ((LeakproofEndpoint) endpoint).detachedView();
    if (inner == null) {
      throw new IllegalStateException("Endpoint already released to the connection manager");
    }
    return inner;
  }

  /**
   * Closes gracefully: stops lending, waits up to the shutdown timeout for responses to be
   * closed, reports the holders, closes their connections, then closes the client's pool.
   */
  @Override
  public void close() {
    close(CloseMode.GRACEFUL);
  }

  @Override
  public void close(CloseMode closeMode) {
    try {
      pools.close();
    } finally {
      delegate.close(closeMode);
    }
  }

  @Override
  public String toString() {
    return "LeakproofConnectionManager{" + pools.config().name() + "}";
  }

  /**
   * What a reclaimed leak closes: the connection (its stream state is unknown), then the client's
   * own lease. Holds the client's endpoint, never the Leakproof endpoint (that would keep the
   * leaked response reachable).
   */
  private record Reclaim(PoolingHttpClientConnectionManager delegate, ConnectionEndpoint inner)
      implements AutoCloseable {
    @Override
    public void close() {
      inner.close(CloseMode.IMMEDIATE);
      delegate.release(inner, null, TimeValue.ZERO_MILLISECONDS);
    }
  }
}
