package io.leakproof.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A real Jetty 12 server on 127.0.0.1 with one connector per simulated host (each its own port,
 * so each its own route). Paths: {@code /small?delayMs=N} (16 bytes after N ms),
 * {@code /big} (256 KiB), {@code /stall} (headers and 16 of 1,000 bytes, then silence).
 */
final class TestServer implements AutoCloseable {
  static final int BIG_BYTES = 256 * 1024;
  private static final byte[] SMALL = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] BIG = new byte[BIG_BYTES];

  private final Server server = new Server();
  private final List<ServerConnector> connectors = new ArrayList<>();
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger peakConnections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();

  TestServer(int hosts) throws Exception {
    for (int i = 0; i < hosts; i++) {
      ServerConnector c = new ServerConnector(server);
      c.setHost("127.0.0.1");
      c.setPort(0);
      server.addConnector(c);
      connectors.add(c);
    }
    server.setHandler(new Routes());
    server.start();
  }

  URI uri(int host, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port(host) + pathAndQuery);
  }

  int port(int host) {
    return connectors.get(host).getLocalPort();
  }

  /** Connections the server has open right now on one connector. */
  int connections(int host) {
    return connectors.get(host).getConnectedEndPoints().size();
  }

  /**
   * The most requests the server was serving at once, over all hosts: each needs its own
   * HTTP/1.1 connection, so this is the server's count of connections in use. (Jetty's count of
   * connected endpoints lags behind a client's close, so it cannot bound a client exactly.)
   */
  int peakConnections() {
    return peakConnections.get();
  }

  int requests() {
    return requests.get();
  }

  /** Stops one connector (closing its connections) and starts it again on the same port. */
  void restart(int host) throws Exception {
    ServerConnector c = connectors.get(host);
    int port = c.getLocalPort();
    c.stop();
    c.setPort(port);
    c.setReuseAddress(true);
    // The port was ephemeral: until it is bound again, the kernel may lend it to an outgoing
    // connection of another test for a moment. Retry, boundedly.
    for (int attempt = 1; ; attempt++) {
      try {
        c.start();
        return;
      } catch (java.io.IOException bindFailed) {
        if (attempt >= 50) {
          throw bindFailed;
        }
        c.stop();
        Thread.sleep(100);
      }
    }
  }

  @Override
  public void close() {
    delays.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }

  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback jettyCallback) {
      requests.incrementAndGet();
      peakConnections.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Callback done = jettyCallback;
      Callback callback =
          new Callback() {
            @Override
            public void succeeded() {
              inFlight.decrementAndGet();
              done.succeeded();
            }

            @Override
            public void failed(Throwable x) {
              inFlight.decrementAndGet();
              done.failed(x);
            }
          };
      String path = Request.getPathInContext(request);
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
      switch (path) {
        case "/big" -> {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BIG_BYTES);
          response.write(true, ByteBuffer.wrap(BIG), callback);
        }
        case "/stall" -> {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1000);
          // 16 bytes of 1,000, then nothing: the callback completes only when the server stops.
          response.write(false, ByteBuffer.wrap(SMALL), Callback.NOOP);
        }
        default -> {
          Fields query = Request.extractQueryParameters(request);
          String delay = query.getValue("delayMs");
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, SMALL.length);
          Runnable write = () -> response.write(true, ByteBuffer.wrap(SMALL), callback);
          if (delay == null) {
            write.run();
          } else {
            var unused = delays.schedule(write, Long.parseLong(delay), TimeUnit.MILLISECONDS);
          }
        }
      }
      return true;
    }
  }
}
