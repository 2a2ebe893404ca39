package io.leakproof.mongodb.internal;

import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.LeaseSnapshot;
import io.leakproof.mongodb.MongoPoolStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the MongoDB messages in the wording of the core's JDBC diagnosis, so a timeout or a
 * leak reads the same whichever pool it comes from: what happened, who holds the pool, what to
 * do next.
 */
final class MongoDiagnosis {
  /** The timeout message lists this many of the longest-held checkouts (as the core does). */
  static final int TIMEOUT_HOLDERS = 5;

  private final String pool;
  private final CallSiteCapture capture;
  private final int sampleRate;

  MongoDiagnosis(String pool, CallSiteCapture capture, int sampleRate) {
    this.pool = pool;
    this.capture = capture;
    this.sampleRate = sampleRate;
  }

  String timeout(String server, long waitedNanos, MongoPoolStats s, List<LeaseSnapshot> holders) {
    StringBuilder b = new StringBuilder(512);
    b.append("MongoDB client '")
        .append(pool)
        .append("' could not check out a connection to ")
        .append(server)
        .append(" within ")
        .append(Durations.format(waitedNanos))
        .append(" (")
        .append(s.gauges())
        .append(").");
    if (!holders.isEmpty()) {
      int shown = Math.min(TIMEOUT_HOLDERS, holders.size());
      b.append("\nLongest-held checkouts (").append(shown).append(" of ");
      b.append(holders.size()).append("):");
      for (int i = 0; i < shown; i++) {
        LeaseSnapshot l = holders.get(i);
        b.append("\n  ")
            .append(i + 1)
            .append(". held ")
            .append(Durations.format(l.held().toNanos()))
            .append(" by ")
            .append(l.threadDescription())
            .append(' ')
            .append(l.threadState())
            .append(", ")
            .append(
                l.callSite() == null ? "call site not captured" : "checked out at " + l.callSite());
      }
    }
    b.append("\nNext step: ").append(nextStep(holders));
    return b.toString();
  }

  private String nextStep(List<LeaseSnapshot> holders) {
    Map<CallSite, Integer> bySite = new HashMap<>();
    for (LeaseSnapshot l : holders) {
      if (l.callSite() != null) {
        bySite.merge(l.callSite(), 1, Integer::sum);
      }
    }
    CallSite top = null;
    int topCount = 0;
    for (Map.Entry<CallSite, Integer> e : bySite.entrySet()) {
      if (e.getValue() > topCount) {
        top = e.getKey();
        topCount = e.getValue();
      }
    }
    if (top != null) {
      return topCount
          + " of the "
          + holders.size()
          + " checkouts held now were made at "
          + top
          + ": look there first for a slow operation or a cursor left open."
          + " client.dump() shows every holder.";
    }
    return "call sites were not captured for these checkouts ("
        + captureDescription()
        + "; the next ten minutes capture every one): set callSiteCapture=ALL to see where"
        + " every checkout is made, or call client.dump() and look at the holder threads. If"
        + " holds are short, the pool is too small for the load: raise maxPoolSize (mgo's"
        + " PoolLimit) or speed up the operations.";
  }

  private String captureDescription() {
    return capture == CallSiteCapture.SAMPLED
        ? "callSiteCapture=SAMPLED, 1 in " + sampleRate
        : "callSiteCapture=" + capture;
  }

  String heldTooLong(LeaseSnapshot l, long thresholdNanos) {
    return "Possible leak in MongoDB client '"
        + pool
        + "': a connection to "
        + l.tag()
        + " has been checked out for "
        + Durations.format(l.held().toNanos())
        + " (leakWarningThreshold "
        + Durations.format(thresholdNanos)
        + ") by thread "
        + l.threadDescription()
        + " "
        + l.threadState()
        + (l.callSite() != null ? ", checked out at " + l.callSite() + ". " : ". ")
        + "If it comes back, a follow-up says so; if it never does, look for an operation"
        + " that never ends (a tailable cursor, a change stream, a hung server).";
  }

  String heldReturned(Checkout c, long holdNanos, long thresholdNanos) {
    return "A connection of MongoDB client '"
        + pool
        + "' reported as a possible leak came back after "
        + Durations.format(holdNanos)
        + ": slow, not leaked"
        + (c.callSite != null ? " (checked out at " + c.callSite + ")" : "")
        + ". If operations this long are normal, raise leakWarningThreshold above "
        + Durations.format(thresholdNanos)
        + ".";
  }

  String cursorLeak(String what, CallSite site, String thread, long ageNanos) {
    return "Leak proven in MongoDB client '"
        + pool
        + "': a "
        + what
        + " was garbage-collected without being closed, "
        + Durations.format(ageNanos)
        + " after thread "
        + thread
        + " opened it, with its server-side cursor still open. "
        + (site != null
            ? "Did you forget to close the " + what + " opened at " + site + "? "
            : "Its opening line was not captured (cursorCallSites=OFF). ")
        + "Leakproof killed the server-side cursor (killCursors). Close cursors with"
        + " try-with-resources, or use first(), into() or forEach(), which close them.";
  }

  String sessionLeak(CallSite site, String thread, long ageNanos) {
    return "Leak proven in MongoDB client '"
        + pool
        + "': a ClientSession was garbage-collected without being closed, "
        + Durations.format(ageNanos)
        + " after thread "
        + thread
        + " started it. "
        + (site != null ? "Did you forget to close the session started at " + site + "? " : "")
        + "Leakproof closed it (aborting an open transaction), which returns its server"
        + " session to the driver's pool.";
  }
}
