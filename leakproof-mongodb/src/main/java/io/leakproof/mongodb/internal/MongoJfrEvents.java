package io.leakproof.mongodb.internal;

import io.leakproof.mongodb.MongoLeakReport;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The module's JFR events, in the core's {@code Leakproof} category so that
 * {@code jfr print --categories Leakproof} shows JDBC and MongoDB together. Each is committed
 * only when a recording enables it ({@code shouldCommit}), so they cost a flag read otherwise.
 */
final class MongoJfrEvents {
  private MongoJfrEvents() {}

  @Name("io.leakproof.mongodb.Leak")
  @Label("MongoDB Leak")
  @Category({"Leakproof", "MongoDB"})
  @Description("A leaked cursor, session or client, a forgotten-client warning or a long checkout")
  @StackTrace(false)
  static final class LeakEvent extends Event {
    @Label("Pool")
    String pool;

    @Label("Kind")
    String kind;

    @Label("Call Site")
    String callSite;

    @Label("Thread")
    String thread;

    @Label("Age")
    @Timespan
    long ageNanos;

    @Label("Message")
    String message;
  }

  @Name("io.leakproof.mongodb.CheckoutTimeout")
  @Label("MongoDB Checkout Timeout")
  @Category({"Leakproof", "MongoDB"})
  @Description("The driver timed out waiting for a connection; the message names the holders")
  @StackTrace(true)
  static final class TimeoutEvent extends Event {
    @Label("Pool")
    String pool;

    @Label("Server")
    String server;

    @Label("Waited")
    @Timespan
    long waitedNanos;

    @Label("In Use")
    int inUse;

    @Label("Waiting")
    int waiting;

    @Label("Message")
    String message;
  }

  static void leak(MongoLeakReport r) {
    LeakEvent e = new LeakEvent();
    if (e.shouldCommit()) {
      e.pool = r.poolName();
      e.kind = r.kind().name();
      e.callSite = r.callSite() == null ? null : r.callSite().toString();
      e.thread = r.thread();
      e.ageNanos = r.age().toNanos();
      e.message = r.message();
      e.commit();
    }
  }

  static void timeout(
      String pool, String server, long waitedNanos, int inUse, int waiting, String message) {
    TimeoutEvent e = new TimeoutEvent();
    if (e.shouldCommit()) {
      e.pool = pool;
      e.server = server;
      e.waitedNanos = waitedNanos;
      e.inUse = inUse;
      e.waiting = waiting;
      e.message = message;
      e.commit();
    }
  }
}
