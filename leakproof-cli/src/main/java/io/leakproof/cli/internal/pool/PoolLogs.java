package io.leakproof.cli.internal.pool;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Takes over {@code java.util.logging}, where HikariCP (through SLF4J), the JDBC drivers and DBCP2
 * log: their chatter stays off the terminal (printed to standard error with {@code --verbose}),
 * and HikariCP's leak reports are turned into {@link LeakLedger} entries.
 *
 * <p>HikariCP logs a leak as {@code "Connection leak detection triggered for {} on thread {}, stack
 * trace follows"} with an exception whose stack trace is the acquisition stack; it logs it on its
 * housekeeper thread, named {@code "<poolName> housekeeper"}, which tells the pools apart.
 */
public final class PoolLogs {
  private static final List<HikariSubscription> HIKARI = new CopyOnWriteArrayList<>();
  private static volatile PrintWriter verboseOut;
  private static volatile boolean installed;

  private PoolLogs() {}

  /**
   * Routes all {@code java.util.logging} output through the CLI. Idempotent.
   *
   * @param err where to print pool and driver log records, or null to keep them quiet
   */
  public static void install(PrintWriter err) {
    verboseOut = err;
    if (installed) {
      return;
    }
    installed = true;
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.setLevel(Level.INFO);
    root.addHandler(new CaptureHandler());
  }

  /**
   * Counts the leaks one HikariCP pool reports.
   *
   * @param poolName the pool's name
   * @param ledger where to count them
   * @return closing it stops counting
   */
  public static AutoCloseable onHikariLeak(String poolName, LeakLedger ledger) {
    HikariSubscription s = new HikariSubscription(poolName, ledger);
    HIKARI.add(s);
    return () -> HIKARI.remove(s);
  }

  private record HikariSubscription(String poolName, LeakLedger ledger) {}

  /** The one handler on the root logger. */
  private static final class CaptureHandler extends Handler {
    CaptureHandler() {}

    @Override
    public void publish(LogRecord r) {
      String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
      if (logger.endsWith("ProxyLeakTask") && r.getThrown() != null) {
        HikariSubscription target = hikariFor(Thread.currentThread().getName());
        if (target != null) {
          target.ledger().report(UserFrames.first(r.getThrown().getStackTrace()), false);
        }
      }
      PrintWriter out = verboseOut;
      if (out != null && r.getLevel().intValue() >= Level.INFO.intValue()) {
        out.println("[" + r.getLevel() + "] " + logger + ": " + r.getMessage());
        if (r.getThrown() != null) {
          r.getThrown().printStackTrace(out);
        }
        out.flush();
      }
    }

    private static HikariSubscription hikariFor(String threadName) {
      HikariSubscription only = null;
      for (HikariSubscription s : HIKARI) {
        if (threadName.startsWith(s.poolName() + " ")) {
          return s;
        }
        only = s;
      }
      return HIKARI.size() == 1 ? only : null;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
