package io.leakproof.mongodb.internal;

import io.leakproof.CallSite;
import io.leakproof.mongodb.MongoLeakReport;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a report to every channel: the {@code System.Logger} {@code io.leakproof.mongodb}
 * (WARNING), the configured listeners and a JFR event. Never throws: a failing listener is
 * logged and skipped, so a report cannot break the application's call or the reaper thread.
 */
final class Reporter {
  private static final System.Logger LOG = System.getLogger("io.leakproof.mongodb");

  private final String pool;
  private final List<Consumer<MongoLeakReport>> listeners;

  Reporter(String pool, List<Consumer<MongoLeakReport>> listeners) {
    this.pool = pool;
    this.listeners = listeners;
  }

  void report(
      MongoLeakReport.Kind kind, String message, CallSite site, String thread, long ageNanos) {
    MongoLeakReport r =
        new MongoLeakReport(kind, pool, message, site, thread, Duration.ofNanos(ageNanos));
    LOG.log(kind == MongoLeakReport.Kind.HELD_RETURNED ? Level.INFO : Level.WARNING, message);
    for (Consumer<MongoLeakReport> l : listeners) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A MongoDB leak listener of '" + pool + "' threw; skipped", e);
      }
    }
    MongoJfrEvents.leak(r);
  }

  /** Describes a thread as a thread dump names it. */
  static String describe(Thread t) {
    String name = t.getName().isEmpty() ? "virtual" : "\"" + t.getName() + "\"";
    return name + " #" + t.threadId();
  }
}
