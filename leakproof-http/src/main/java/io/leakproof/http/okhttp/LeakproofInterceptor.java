package io.leakproof.http.okhttp;

import io.leakproof.AcquireInterruptedException;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.HttpPools;
import io.leakproof.http.internal.RoutePools;
import io.leakproof.http.internal.Ticket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * An OkHttp application interceptor that bounds calls per host ({@code execute()} too, which
 * {@code Dispatcher.maxRequestsPerHost} does not) and in total, and tracks each response body: a
 * body dropped without close is proven leaked by the GC, reported with the line that executed
 * the call, and closed. Close it with the client to stop lending and close leaked bodies.
 *
 * <pre>{@code
 * LeakproofInterceptor leakproof = LeakproofInterceptor.create(HttpPoolConfig.builder()
 *     .perRoute(PoolConfig.builder().name("search").maxSize(10).build()).build());
 * OkHttpClient client = leakproof.install(new OkHttpClient.Builder()).build();
 * }</pre>
 *
 * <p>A call that cannot get a permit in time fails with an {@link InterruptedIOException} (what
 * OkHttp throws for its own timeouts) whose message is Leakproof's diagnosis. The permit covers
 * the whole call, redirects and retries included. Thread-safe.
 */
// The client is an optional module (requires static): its users require it themselves.
@SuppressWarnings("exports")
public final class LeakproofInterceptor implements Interceptor, AutoCloseable {
  private static final String[] CLIENT_PACKAGES = {"okhttp3.", "okio.", "kotlin."};

  private final RoutePools pools;

  private LeakproofInterceptor(HttpPoolConfig config) {
    this.pools = new RoutePools(config, CLIENT_PACKAGES);
  }

  /**
   * Creates the interceptor.
   *
   * @param config the bounds and the engine settings
   * @return the interceptor
   */
  public static LeakproofInterceptor create(HttpPoolConfig config) {
    return new LeakproofInterceptor(config);
  }

  /**
   * Adds this interceptor and a connection pool that keeps at most maxPerRoute idle connections
   * for the template's idleTimeout (OkHttp's pool has one idle bound for all hosts).
   *
   * @param builder the client's builder
   * @return the builder
   */
  public OkHttpClient.Builder install(OkHttpClient.Builder builder) {
    long idleMillis = pools.config().perRoute().idleTimeout().toMillis();
    return builder
        .addInterceptor(this)
        .connectionPool(
            new ConnectionPool(
                pools.config().perRoute().maxSize(),
                idleMillis == 0 ? TimeUnit.MINUTES.toMillis(5) : idleMillis,
                TimeUnit.MILLISECONDS));
  }

  /**
   * Returns the engine pools (one per route, one for the total).
   *
   * @return the pools
   */
  public HttpPools pools() {
    return pools;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    Ticket ticket;
    try {
      ticket = pools.acquire(url.host() + ":" + url.port(), null);
    } catch (AcquireTimeoutException | AcquireInterruptedException e) {
      InterruptedIOException t = new InterruptedIOException(e.getMessage());
      t.initCause(e);
      throw t;
    }
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException | RuntimeException | Error e) {
      ticket.release();
      throw e;
    }
    var body = response.body();
    ticket.bind(body);
    return response.newBuilder().body(new TrackedBody(body, ticket)).build();
  }

  /**
   * Stops lending, waits up to the shutdown timeout for bodies to be closed, reports the holders
   * and closes their bodies. Idempotent.
   */
  @Override
  public void close() {
    pools.close();
  }

  @Override
  public String toString() {
    return "LeakproofInterceptor{" + pools.config().name() + "}";
  }
}
