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
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that makes network faults between a pool and a real database, so that
 * no test ever stops or restarts the shared server. What it does to connections accepted from now
 * on is its {@link Mode}; {@link #freezeAll()} makes the connections it already carries go
 * half-open (it keeps their sockets open and silently discards everything, as a firewall or NAT
 * that lost its state does: no FIN, no RST), and {@link #resetAll()} resets them.
 *
 * <p>Each connection is two virtual threads copying bytes. Frozen connections stay frozen after
 * the mode returns to {@link Mode#PASS}: like connections behind a lost NAT entry, they are dead
 * for good, and only new ones work.
 */
final class FaultProxy implements AutoCloseable {
  /** What happens to a connection accepted now. */
  enum Mode {
    /** Forward both ways. */
    PASS,
    /** Forward, each chunk delayed by {@link #delayMillis}. */
    DELAY,
    /** Accept the TCP connection and never answer (a blackholed handshake). */
    STALL,
    /** Accept and reset at once (a refused or crashed server). */
    RESET
  }

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
  private final Set<Socket> stalled = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMillis;

  FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    Thread.ofVirtual().name("lp-fault-proxy-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Rewrites a JDBC URL's {@code 127.0.0.1:port} to go through this proxy. */
  String url(String jdbcUrl) {
    return jdbcUrl.replace("127.0.0.1:" + targetPort, "127.0.0.1:" + port());
  }

  void mode(Mode m) {
    mode = m;
  }

  void delay(long millis) {
    delayMillis = millis;
    mode = Mode.DELAY;
  }

  /** The connections carried now go half-open: kept open, everything silently discarded. */
  void freezeAll() {
    for (Pair p : pairs) {
      p.frozen = true;
    }
  }

  /** The connections carried now are reset. */
  void resetAll() {
    for (Pair p : pairs) {
      p.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      Mode m = mode;
      if (m == Mode.STALL) {
        stalled.add(client); // held open, never read from, never answered
        continue;
      }
      if (m == Mode.RESET) {
        reset(client);
        continue;
      }
      Socket upstream;
      try {
        upstream = new Socket(targetHost, targetPort);
      } catch (IOException e) {
        reset(client);
        continue;
      }
      Pair p = new Pair(client, upstream);
      pairs.add(p);
      Thread.ofVirtual().start(() -> p.pump(client, upstream));
      Thread.ofVirtual().start(() -> p.pump(upstream, client));
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    resetAll();
    for (Socket s : stalled) {
      reset(s);
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    try {
      s.close();
    } catch (IOException e) {
      // best effort
    }
  }

  private final class Pair {
    private final Socket a;
    private final Socket b;
    volatile boolean frozen;
    private volatile boolean closed;

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
          if (frozen) {
            continue; // half-open: swallowed, no answer, no FIN, no RST
          }
          if (mode == Mode.DELAY && delayMillis > 0) {
            TimeUnit.MILLISECONDS.sleep(delayMillis);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side went away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (!frozen) {
          close();
        }
      }
    }

    void close() {
      if (!closed) {
        closed = true;
        reset(a);
        reset(b);
        pairs.remove(this);
      }
    }
  }
}
