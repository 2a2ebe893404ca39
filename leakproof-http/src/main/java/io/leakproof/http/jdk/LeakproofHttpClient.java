package io.leakproof.http.jdk;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.HttpPools;
import io.leakproof.http.internal.RoutePools;
import io.leakproof.http.internal.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@code java.net.http.HttpClient} with the per-host connection bound the JDK lacks, and
 * unclosed bodies proven leaked and reclaimed. Each request takes a permit of its route
 * ({@code host:port}, and of the total bound if set) before it is sent, waiting in FIFO order;
 * the permit comes back when the body is done:
 *
 * <ul>
 *   <li>{@code BodyHandlers.ofInputStream()}: when the stream is closed or read to its end. A
 *       stream dropped unclosed is proven leaked by the GC, reported with the line that sent the
 *       request, and closed (which closes its connection).
 *   <li>every other handler ({@code ofString}, {@code ofByteArray}, {@code ofFile},
 *       {@code discarding}, …): when {@code send} returns, since the body was read by then. A
 *       lazily read body such as {@code ofLines()} or {@code ofPublisher()} is not tracked: use
 *       {@code ofInputStream()} to stream under the bound.
 * </ul>
 *
 * <pre>{@code
 * HttpClient client = LeakproofHttpClient.wrap(HttpClient.newHttpClient(), HttpPoolConfig.builder()
 *     .perRoute(PoolConfig.builder().name("search").maxSize(10).build()).build());
 * }</pre>
 *
 * <p>A request that cannot get a permit in time fails with {@link HttpConnectTimeoutException}
 * whose message is Leakproof's diagnosis and whose cause is the {@link AcquireTimeoutException}.
 * {@code sendAsync} waits for its permit on the calling thread. Thread-safe.
 */
// The client is an optional module (requires static): its users require it themselves.
@SuppressWarnings("exports")
public final class LeakproofHttpClient extends HttpClient {
  private static final String[] CLIENT_PACKAGES = {"jdk.internal.net.http."};

  private final HttpClient delegate;
  private final RoutePools pools;

  private LeakproofHttpClient(HttpClient delegate, HttpPoolConfig config) {
    this.delegate = delegate;
    this.pools = new RoutePools(config, CLIENT_PACKAGES);
  }

  /**
   * Puts the bounds in front of a client.
   *
   * @param delegate the client that sends; closed with this one
   * @param config the bounds and the engine settings
   * @return the bounded client
   */
  public static LeakproofHttpClient wrap(HttpClient delegate, HttpPoolConfig config) {
    return new LeakproofHttpClient(delegate, config);
  }

  /**
   * Returns the engine pools (one per route, one for the total).
   *
   * @return the pools
   */
  public HttpPools pools() {
    return pools;
  }

  static String routeKey(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }

  private Ticket acquire(HttpRequest request) throws HttpConnectTimeoutException {
    try {
      return pools.acquire(routeKey(request.uri()), null);
    } catch (AcquireTimeoutException e) {
      HttpConnectTimeoutException t = new HttpConnectTimeoutException(e.getMessage());
      t.initCause(e);
      throw t;
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Ticket ticket = acquire(request);
    HttpResponse<T> response;
    try {
      response = delegate.send(request, handler);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      ticket.release();
      throw e;
    }
    return track(response, ticket);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    Ticket ticket;
    try {
      ticket = acquire(request);
    } catch (HttpConnectTimeoutException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResponse<T>> sent;
    try {
      sent = delegate.sendAsync(request, handler, pushPromiseHandler);
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            ticket.release();
            throw failure instanceof RuntimeException r
                ? r
                : new java.util.concurrent.CompletionException(failure);
          }
          return track(response, ticket);
        });
  }

  @SuppressWarnings("unchecked") // T is InputStream when the body is one
  private static <T> HttpResponse<T> track(HttpResponse<T> response, Ticket ticket) {
    if (response.body() instanceof InputStream in) {
      ticket.bind(in);
      return new TrackedResponse<>(response, (T) new TrackedInputStream(in, ticket));
    }
    ticket.release();
    return response;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    return delegate.awaitTermination(duration);
  }

  /** Stops lending, then shuts the client down (in-flight requests may finish). */
  @Override
  public void shutdown() {
    pools.close();
    delegate.shutdown();
  }

  /** Stops lending and closes leaked bodies at once, then shuts the client down now. */
  @Override
  public void shutdownNow() {
    pools.close();
    delegate.shutdownNow();
  }

  /**
   * Closes without hanging on leaked bodies: stops lending, waits up to the shutdown timeout for
   * bodies to be closed, reports the holders and closes their streams, then closes the client.
   */
  @Override
  public void close() {
    pools.close();
    delegate.close();
  }

  @Override
  public String toString() {
    return "LeakproofHttpClient{" + pools.config().name() + ", " + delegate + "}";
  }
}
