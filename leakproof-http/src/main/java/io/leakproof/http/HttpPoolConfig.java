package io.leakproof.http;

import io.leakproof.PoolConfig;
import io.leakproof.Pool;
import io.leakproof.spi.PoolListener;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The configuration of an HTTP client's connection bounds: a {@link PoolConfig} template that
 * every route's pool is opened from (its {@link PoolConfig#maxSize()} is the per-route bound,
 * Go's {@code MaxConnsPerHost}), a total bound across routes, and a bound on the number of routes.
 *
 * <pre>{@code
 * HttpPoolConfig config = HttpPoolConfig.builder()
 *     .perRoute(PoolConfig.builder().name("payments-api").maxSize(10)
 *         .acquireTimeout(Duration.ofSeconds(5)).build())
 *     .maxTotal(50)
 *     .build();
 * }</pre>
 *
 * <p>Everything else comes from the template, with the engine's defaults: acquire timeout, FIFO
 * waiting, leak detection (a response body dropped without close is proven leaked by the GC,
 * reported with the line that executed the request, and its connection closed), the held-too-long
 * warning, {@code maxHoldTime}, call-site capture, listeners, JFR and shutdown timeout. The route
 * pools are named {@code <name>.<host>_<port>} (and {@code <name>.total}).
 */
public final class HttpPoolConfig {
  /** Default for {@link Builder#maxRoutes}: far more hosts than a service talks to. */
  public static final int DEFAULT_MAX_ROUTES = 256;

  private final PoolConfig perRoute;
  private final int maxTotal;
  private final int maxRoutes;
  private final Function<String, List<PoolListener>> routeListener;
  private final BiConsumer<String, Pool<?>> onRouteOpened;

  private HttpPoolConfig(Builder b) {
    this.routeListener = b.routeListener;
    this.onRouteOpened = b.onRouteOpened;
    this.perRoute = b.perRoute;
    this.maxTotal = b.maxTotal;
    this.maxRoutes = b.maxRoutes;
  }

  /**
   * Returns a builder with the defaults: the engine's {@link PoolConfig} defaults per route, no
   * total bound, {@value #DEFAULT_MAX_ROUTES} routes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the template of every route's pool.
   *
   * @return the template; its maxSize is the per-route bound
   */
  public PoolConfig perRoute() {
    return perRoute;
  }

  /**
   * Returns the bound on connections across all routes.
   *
   * @return the bound, or 0 for none
   */
  public int maxTotal() {
    return maxTotal;
  }

  /**
   * Returns the bound on distinct routes (each has a pool, its stats and its metric series).
   *
   * @return the bound
   */
  public int maxRoutes() {
    return maxRoutes;
  }

  /**
   * Returns what adds listeners of each route's own (such as one {@code PoolMetrics} per route).
   *
   * @return route to listeners; no listeners by default
   */
  public Function<String, List<PoolListener>> routeListener() {
    return routeListener;
  }

  /**
   * Returns what is told of each route pool once it is open (to bind metrics, register JMX).
   *
   * @return the callback; does nothing by default
   */
  public BiConsumer<String, Pool<?>> onRouteOpened() {
    return onRouteOpened;
  }

  /**
   * Returns the pool name shared by the route pools.
   *
   * @return the template's name
   */
  public String name() {
    return perRoute.name();
  }

  @Override
  public String toString() {
    return "HttpPoolConfig{maxPerRoute="
        + perRoute.maxSize()
        + ", maxTotal="
        + maxTotal
        + ", maxRoutes="
        + maxRoutes
        + ", perRoute="
        + perRoute
        + "}";
  }

  /** Builds {@link HttpPoolConfig}; validates every value. Not thread-safe. */
  public static final class Builder {
    private PoolConfig perRoute;
    private int maxTotal;
    private int maxRoutes = DEFAULT_MAX_ROUTES;
    private Function<String, List<PoolListener>> routeListener = r -> List.of();
    private BiConsumer<String, Pool<?>> onRouteOpened = (r, p) -> {};

    private Builder() {}

    /**
     * Adds a listener of each route's own, made when the route's pool opens. The template's
     * listeners are shared by every route; a listener that serves one pool only (Micrometer's
     * {@code PoolMetrics}) belongs here:
     *
     * <pre>{@code
     * Map<String, PoolMetrics> metrics = new ConcurrentHashMap<>();
     * builder.routeListener(route -> metrics.computeIfAbsent(route, r -> PoolMetrics.create()))
     *     .onRouteOpened((route, pool) -> metrics.get(route).bindTo(pool, registry));
     * }</pre>
     *
     * @param perRoute called once per route, on the thread of its first request; must be fast
     * @return this builder
     * @throws NullPointerException if perRoute is null
     */
    public Builder routeListener(Function<String, PoolListener> perRoute) {
      Objects.requireNonNull(perRoute, "routeListener");
      Function<String, List<PoolListener>> before = routeListener;
      this.routeListener =
          r -> {
            List<PoolListener> all = new java.util.ArrayList<>(before.apply(r));
            all.add(perRoute.apply(r));
            return all;
          };
      return this;
    }

    /**
     * Sets what is told of each route pool once it is open, on the thread of the route's first
     * request (it must not block).
     *
     * @param callback receives the route ({@code host:port}) and its pool
     * @return this builder
     * @throws NullPointerException if callback is null
     */
    public Builder onRouteOpened(BiConsumer<String, Pool<?>> callback) {
      this.onRouteOpened = Objects.requireNonNull(callback, "onRouteOpened");
      return this;
    }

    /**
     * Sets the template of every route's pool.
     *
     * @param template its maxSize is the per-route bound; its name names the route pools
     * @return this builder
     * @throws NullPointerException if template is null
     */
    public Builder perRoute(PoolConfig template) {
      this.perRoute = Objects.requireNonNull(template, "perRoute");
      return this;
    }

    /**
     * Sets the bound on connections across all routes.
     *
     * @param max at least 1, or 0 for no total bound
     * @return this builder
     * @throws IllegalArgumentException if max is negative
     */
    public Builder maxTotal(int max) {
      if (max < 0) {
        throw new IllegalArgumentException(
            "maxTotal must be >= 0 (0 = no total bound) but was " + max);
      }
      this.maxTotal = max;
      return this;
    }

    /**
     * Sets the bound on distinct routes; a request to one more route fails with a clear error.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if max is below 1
     */
    public Builder maxRoutes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRoutes must be >= 1 but was " + max);
      }
      this.maxRoutes = max;
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if maxTotal is below the per-route maxSize (no route could
     *     use its bound)
     */
    public HttpPoolConfig build() {
      if (perRoute == null) {
        perRoute = PoolConfig.builder().name("http").build();
      }
      if (maxTotal != 0 && maxTotal < perRoute.maxSize()) {
        throw new IllegalStateException(
            "maxTotal must be 0 or >= the per-route maxSize ("
                + perRoute.maxSize()
                + ") but was "
                + maxTotal);
      }
      return new HttpPoolConfig(this);
    }
  }
}
