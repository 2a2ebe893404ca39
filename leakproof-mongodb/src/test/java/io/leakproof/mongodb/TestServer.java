package io.leakproof.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An in-process MongoDB wire-protocol server on 127.0.0.1 that counts what the tests check: open
 * client connections (channels that sent a command and are not closed) and open server-side
 * cursors. Its {@code sleep} command ({@code {sleep: 1, ms: 1500}}) holds the caller's
 * connection for a chosen time.
 */
final class TestServer implements AutoCloseable {
  static final class CountingBackend extends MemoryBackend {
    final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    /** Server sessions the driver ended ({@code endSessions}), counted by id. */
    final java.util.concurrent.atomic.AtomicInteger endedSessions =
        new java.util.concurrent.atomic.AtomicInteger();
    /** Whether hello advertises sessions (mongo-java-server does not run them). */
    volatile boolean advertiseSessions;

    @Override
    public Document handleCommand(
        Channel channel, String databaseName, String command, Document query) {
      channels.add(channel);
      if (command.equalsIgnoreCase("sleep")) {
        long ms = ((Number) query.get("ms")).longValue();
        try {
          Thread.sleep(ms); // the slow operation under test, not a wait for a result
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Document ok = new Document();
        ok.put("ok", 1.0);
        return ok;
      }
      if (command.equalsIgnoreCase("endSessions")) {
        endedSessions.addAndGet(((java.util.List<?>) query.get("endSessions")).size());
        Document ok = new Document();
        ok.put("ok", 1.0);
        return ok;
      }
      Document reply = super.handleCommand(channel, databaseName, command, query);
      if (advertiseSessions
          && (command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("isMaster"))) {
        reply.put("logicalSessionTimeoutMinutes", 30);
      }
      return reply;
    }

    @Override
    public void handleClose(Channel channel) {
      channels.remove(channel);
      super.handleClose(channel);
    }

    int cursors() {
      return getCursorRegistry().size();
    }
  }

  final CountingBackend backend = new CountingBackend();
  final MongoServer server = new MongoServer(backend);
  final String connectionString;

  TestServer() {
    server.bind("127.0.0.1", 0);
    connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }

  MongoClientSettings.Builder settings() {
    return MongoClientSettings.builder().applyConnectionString(new ConnectionString(connectionString));
  }

  /** Client connections open on the server now (pool and monitor connections). */
  int connections() {
    return (int) backend.channels.stream().filter(Channel::isActive).count();
  }

  int cursors() {
    return backend.cursors();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  /** How often {@link #gcUntil} asks for a collection. */
  private static final long GC_EVERY_NANOS = 200_000_000L;

  /** How often the polls check their condition. */
  private static final long POLL_NANOS = 5_000_000L;

  /**
   * Asks for a collection every 200 ms and polls the condition in between until it holds or the
   * deadline passes; returns the result. Back-to-back collections would starve the threads that
   * act on what was collected (the reaper, the driver's closing clients).
   */
  static boolean gcUntil(BooleanSupplier condition, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    long nextGc = System.nanoTime();
    while (!condition.getAsBoolean()) {
      long now = System.nanoTime();
      if (now - deadline > 0) {
        return false;
      }
      if (now - nextGc >= 0) {
        System.gc();
        nextGc = now + GC_EVERY_NANOS;
      } else {
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
    return true;
  }

  /** Polls a condition (no collection) until it holds or the deadline passes. */
  static boolean await(BooleanSupplier condition, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return true;
  }
}
