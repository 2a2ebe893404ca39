package io.leakproof.http;

import io.leakproof.Pool;
import io.leakproof.PoolStats;
import java.util.Map;
import java.util.Optional;

/**
 * The engine pools behind one Leakproof HTTP client: one per route ({@code host:port}) and, with
 * a total bound, one for the total. Use them for stats, dumps, metrics and JMX as any Leakproof
 * pool; their resources are connection permits, so {@code leased} is the number of connections
 * in use and {@code waiting} the requests queued for one.
 */
public interface HttpPools extends AutoCloseable {

  /**
   * Returns the route pools opened so far, keyed by route ({@code host:port}).
   *
   * @return an unmodifiable snapshot
   */
  Map<String, Pool<?>> routes();

  /**
   * Returns the pool of the total bound.
   *
   * @return the pool, or empty without a total bound
   */
  Optional<Pool<?>> total();

  /**
   * Returns the stats of one route.
   *
   * @param route {@code host:port}
   * @return the stats, or empty if no request went to that route yet
   */
  Optional<PoolStats> stats(String route);

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  HttpPoolConfig config();

  /**
   * Closes every pool: stops lending, waits up to the shutdown timeout for bodies to be closed,
   * reports the holders, then closes their connections. Idempotent.
   */
  @Override
  void close();
}
