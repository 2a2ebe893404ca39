package io.leakproof.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a database that a test can cut (every connection is reset and new ones
 * are refused: a database restart or a network partition as the pool sees it) and restore. It
 * counts the connections it carries, so a test can check the pool's limit at the socket level.
 *
 * <p>Each connection is two virtual threads copying bytes. A connection is counted from accept
 * until either side ends it or {@link #cut()} closes it; cut() decrements synchronously.
 */
final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private volatile ServerSocket server;
  private volatile int port;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    listen(0);
  }

  int port() {
    return port;
  }

  int open() {
    return open.get();
  }

  int peak() {
    return peak.get();
  }

  void resetPeak() {
    peak.set(open.get());
  }

  private void listen(int onPort) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
    port = s.getLocalPort();
    server = s;
    Thread.ofVirtual().name("lp-jdbc-proxy-accept").start(() -> accept(s));
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return; // cut or closed
      }
      Socket upstream;
      try {
        upstream = new Socket(targetHost, targetPort);
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      Pair p = new Pair(client, upstream);
      pairs.add(p);
      peak.accumulateAndGet(open.incrementAndGet(), Math::max);
      if (s.isClosed()) { // cut while connecting
        p.close();
        continue;
      }
      Thread.ofVirtual().start(() -> p.pump(client, upstream));
      Thread.ofVirtual().start(() -> p.pump(upstream, client));
    }
  }

  /** Resets every connection and refuses new ones until {@link #restore()}. */
  void cut() throws IOException {
    server.close();
    for (Pair p : pairs) {
      p.close();
    }
  }

  /** Accepts connections again, on the same port. */
  void restore() throws IOException {
    listen(port);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private final class Pair {
    private final Socket a;
    private final Socket b;
    private final AtomicBoolean closed = new AtomicBoolean();

    Pair(Socket a, Socket b) {
      this.a = a;
      this.b = b;
    }

    void pump(Socket from, Socket to) {
      byte[] buf = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side went away
      } finally {
        close();
      }
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          a.setSoLinger(true, 0); // reset, as a crashed server or a partition would
        } catch (IOException e) {
          // already closed
        }
        closeQuietly(a);
        closeQuietly(b);
        pairs.remove(this);
        open.decrementAndGet();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // best effort
    }
  }
}
