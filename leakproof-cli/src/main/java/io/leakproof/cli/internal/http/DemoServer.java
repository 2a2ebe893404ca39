package io.leakproof.cli.internal.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The price service: Jetty on 127.0.0.1 (an ephemeral port). {@code /price} answers 32 bytes,
 * {@code /history} 256 KiB (more than socket buffers hold, so an unread one keeps its connection).
 */
final class DemoServer implements AutoCloseable {
  private static final byte[] PRICE = "{\"sku\":1,\"price\":\"19.90 EUR\"}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HISTORY = new byte[256 * 1024];

  /** Jetty's INFO lines (started, stopped) would interleave with the demo's output. */
  private static final java.util.logging.Logger JETTY_LOG = quiet();

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  DemoServer() throws Exception {
    JETTY_LOG.fine("starting the price service");
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            byte[] body = Request.getPathInContext(request).equals("/history") ? HISTORY : PRICE;
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
          }
        });
    server.start();
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.eclipse.jetty");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the demo's server did not stop", e);
    }
  }
}
