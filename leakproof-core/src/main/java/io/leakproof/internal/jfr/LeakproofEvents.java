package io.leakproof.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The JFR events Leakproof emits. Names start with {@code leakproof.}; all are in the
 * "Leakproof" category, so {@code jfr print --categories Leakproof rec.jfr} shows them. Events
 * are built only when a recording has them enabled.
 */
final class LeakproofEvents {
  private LeakproofEvents() {}

  @Name("leakproof.AcquireSlow")
  @Label("Slow Acquire")
  @Category("Leakproof")
  @Description("An acquisition waited longer than slowAcquireThreshold, then succeeded")
  @StackTrace(false)
  static final class AcquireSlow extends Event {
    @Label("Pool")
    String pool;

    @Label("Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;

    @Label("Call Site")
    String callSite;

    @Label("Thread Name")
    String holder;
  }

  @Name("leakproof.AcquireTimeout")
  @Label("Acquire Timeout")
  @Category("Leakproof")
  @Description("An acquisition gave up after the acquire timeout")
  @StackTrace(false)
  static final class AcquireTimeout extends Event {
    @Label("Pool")
    String pool;

    @Label("Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;

    @Label("Max Size")
    int maxSize;

    @Label("Leased")
    int leased;

    @Label("Waiting")
    int waiting;

    @Label("Diagnosis")
    String message;
  }

  @Name("leakproof.LeakSuspected")
  @Label("Leak Suspected")
  @Category("Leakproof")
  @Description("A lease passed leakWarningThreshold")
  @StackTrace(false)
  static final class LeakSuspected extends Event {
    @Label("Pool")
    String pool;

    @Label("Held")
    @Timespan(Timespan.NANOSECONDS)
    long held;

    @Label("Call Site")
    String callSite;

    @Label("Holder Thread")
    String holder;

    @Label("Report")
    String message;
  }

  @Name("leakproof.LeakReclaimed")
  @Label("Leak Reclaimed")
  @Category("Leakproof")
  @Description("A lease was reclaimed: abandoned, past maxHoldTime, or held at shutdown")
  @StackTrace(false)
  static final class LeakReclaimed extends Event {
    @Label("Pool")
    String pool;

    @Label("Signal")
    String signal;

    @Label("Held")
    @Timespan(Timespan.NANOSECONDS)
    long held;

    @Label("Call Site")
    String callSite;

    @Label("Holder Thread")
    String holder;

    @Label("Report")
    String message;
  }

  @Name("leakproof.ResourceCreated")
  @Label("Resource Created")
  @Category("Leakproof")
  @StackTrace(false)
  static final class ResourceCreated extends Event {
    @Label("Pool")
    String pool;

    @Label("Resource")
    long resourceId;

    @Label("Creation Time")
    @Timespan(Timespan.NANOSECONDS)
    long took;
  }

  @Name("leakproof.CreateFailed")
  @Label("Create Failed")
  @Category("Leakproof")
  @StackTrace(false)
  static final class CreateFailed extends Event {
    @Label("Pool")
    String pool;

    @Label("Error")
    String error;

    @Label("Timed Out")
    boolean timedOut;
  }

  @Name("leakproof.ResourceClosed")
  @Label("Resource Closed")
  @Category("Leakproof")
  @StackTrace(false)
  static final class ResourceClosed extends Event {
    @Label("Pool")
    String pool;

    @Label("Resource")
    long resourceId;

    @Label("Reason")
    String reason;

    @Label("Age")
    @Timespan(Timespan.NANOSECONDS)
    long age;
  }

  @Name("leakproof.PoolStatistics")
  @Label("Pool Statistics")
  @Category("Leakproof")
  @Description("Periodic snapshot of every open pool")
  @Period("1 s")
  @StackTrace(false)
  static final class PoolStatistics extends Event {
    @Label("Pool")
    String pool;

    @Label("Max Size")
    int maxSize;

    @Label("Open")
    int open;

    @Label("Idle")
    int idle;

    @Label("Leased")
    int leased;

    @Label("Connecting")
    int connecting;

    @Label("Waiting")
    int waiting;

    @Label("Acquired")
    long acquired;

    @Label("Timeouts")
    long timeouts;

    @Label("Leaks Suspected")
    long leaksSuspected;

    @Label("Leaks Reclaimed")
    long leaksReclaimed;

    @Label("Total Wait")
    @Timespan(Timespan.NANOSECONDS)
    long totalWait;

    @Label("Peak Leased")
    int peakLeased;
  }
}
