package io.leakproof.internal;

import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.LeakSignal;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the messages a person reads at 3 a.m.: the acquire-timeout diagnosis and the leak
 * reports. Each says what happened, who holds the pool, and what to do next.
 */
final class Diagnosis {
  /** The timeout message lists this many of the longest-held leases. */
  static final int TIMEOUT_HOLDERS = 5;

  private final String pool;
  private final String kind;
  private final CallSiteCapture capture;
  private final int sampleRate;

  Diagnosis(String pool, String kind, CallSiteCapture capture, int sampleRate) {
    this.pool = pool;
    this.kind = kind;
    this.capture = capture;
    this.sampleRate = sampleRate;
  }

  String timeout(
      long waitedNanos,
      PoolStats s,
      List<LeaseSnapshot> holders,
      CreateError lastError,
      long nowNanos) {
    StringBuilder b = new StringBuilder(512);
    b.append("Pool '")
        .append(pool)
        .append("' could not lend a ")
        .append(kind)
        .append(" within ")
        .append(Durations.format(waitedNanos))
        .append(" (")
        .append(s.gauges())
        .append(").");
    if (!holders.isEmpty()) {
      int shown = Math.min(TIMEOUT_HOLDERS, holders.size());
      b.append("\nLongest-held leases (").append(shown).append(" of ").append(s.leased());
      b.append("):");
      for (int i = 0; i < shown; i++) {
        LeaseSnapshot l = holders.get(i);
        b.append("\n  ")
            .append(i + 1)
            .append(". held ")
            .append(Durations.format(l.held()))
            .append(" by ")
            .append(holder(l))
            .append(", ")
            .append(l.callSite() == null ? "call site not captured" : "acquired at " + l.callSite());
        if (l.tag() != null) {
          b.append(" [").append(l.tag()).append(']');
        }
      }
    }
    if (lastError != null) {
      b.append("\nLast ")
          .append(kind)
          .append(" creation error ")
          .append(Durations.format(nowNanos - lastError.atNanos()))
          .append(" ago: ")
          .append(lastError.describe());
    }
    b.append("\nNext step: ").append(nextStep(s, holders, lastError));
    return b.toString();
  }

  private String nextStep(PoolStats s, List<LeaseSnapshot> holders, CreateError lastError) {
    if (lastError != null && s.leased() < s.maxSize()) {
      return "the pool cannot create "
          + kind
          + "s: fix the cause of the creation error above (address, credentials, network,"
          + " server limits); the pool retries by itself.";
    }
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
          + " leases held now were acquired at "
          + top
          + ": look there first for a missing close() or a slow operation. pool.dump() shows"
          + " every holder.";
    }
    return "call sites were not captured for these leases ("
        + captureDescription()
        + "): set callSiteCapture=ALL to see where every lease is acquired, or call"
        + " pool.dump() and look at the holder threads. If holds are short, the pool is too"
        + " small for the load: raise maxSize or speed up the work done while holding a "
        + kind
        + ".";
  }

  private String captureDescription() {
    return capture == CallSiteCapture.SAMPLED
        ? "callSiteCapture=SAMPLED, 1 in " + sampleRate
        : "callSiteCapture=" + capture;
  }

  /** The holder thread and its state; a terminated thread is already marked as such. */
  private static String holder(LeaseSnapshot l) {
    return l.threadState() == Thread.State.TERMINATED
        ? l.threadDescription()
        : l.threadDescription() + " " + l.threadState();
  }

  /**
   * Writes a leak report.
   *
   * @param escalated whether this report made a SAMPLED pool capture every call site from now on
   *     (said when the lease's own site was not captured)
   */
  String leak(
      LeakSignal signal, LeaseSnapshot l, long limitNanos, boolean reused, boolean escalated) {
    String holder = "thread " + holder(l);
    String site = l.callSite() == null ? null : l.callSite().toString();
    StringBuilder b = new StringBuilder(256);
    switch (signal) {
      case ABANDONED -> {
        b.append("Leak proven in pool '")
            .append(pool)
            .append("': a ")
            .append(kind)
            .append(" lease was garbage-collected without being closed, ")
            .append(Durations.format(l.held()))
            .append(" after ")
            .append(holder)
            .append(" acquired it. ");
        if (site != null) {
          b.append("Did you forget to close the ").append(kind).append(" acquired at ");
          b.append(site).append("? ");
        } else {
          b.append(notCaptured(escalated));
        }
        b.append(
            reused
                ? "The pool reset it and lends it again."
                : "The pool closed it and opens a replacement when needed.");
      }
      case HELD_TOO_LONG -> {
        b.append("Possible leak in pool '")
            .append(pool)
            .append("': a ")
            .append(kind)
            .append(" has been held for ")
            .append(Durations.format(l.held()))
            .append(" (leakWarningThreshold ")
            .append(Durations.format(limitNanos))
            .append(") by ")
            .append(holder)
            .append(site != null ? ", acquired at " + site + ". " : ". ");
        if (site == null) {
          b.append(notCaptured(escalated));
        }
        b.append(
            "If it comes back, a follow-up says so; if it never does, it is a leak: close it"
                + " in a finally block or with try-with-resources.");
      }
      case HOLD_LIMIT -> {
        b.append("A ")
            .append(kind)
            .append(" of pool '")
            .append(pool)
            .append("' held for ")
            .append(Durations.format(l.held()))
            .append(" passed maxHoldTime (")
            .append(Durations.format(limitNanos))
            .append(") and was reclaimed: the pool closed it under ")
            .append(holder)
            .append(site != null ? ", which acquired it at " + site : "")
            .append(". Its holder gets errors from now on. If such holds are legitimate,")
            .append(" raise maxHoldTime; otherwise look for the missing close().");
      }
      case SHUTDOWN -> {
        b.append("Pool '")
            .append(pool)
            .append("' closed while a ")
            .append(kind)
            .append(" was still held after the shutdown timeout: held ")
            .append(Durations.format(l.held()))
            .append(" by ")
            .append(holder)
            .append(site != null ? ", acquired at " + site : "")
            .append(". It was closed under its holder.");
      }
    }
    return b.toString();
  }

  String leakReturned(LeaseSnapshot l, long thresholdNanos) {
    return "A "
        + kind
        + " of pool '"
        + pool
        + "' reported as a possible leak came back after "
        + Durations.format(l.held())
        + ": slow, not leaked"
        + (l.callSite() != null ? " (acquired at " + l.callSite() + ")" : "")
        + ". If holds this long are normal, raise leakWarningThreshold above "
        + Durations.format(thresholdNanos)
        + ".";
  }

  private String notCaptured(boolean escalated) {
    if (escalated && capture == CallSiteCapture.SAMPLED) {
      return "Its call site was not captured ("
          + captureDescription()
          + "); the pool now captures every call site for "
          + Durations.format(RealPool.CAPTURE_ESCALATION_NANOS)
          + ", so the next leak from this code path names its line. ";
    }
    return "Its call site was not captured ("
        + captureDescription()
        + "); set callSiteCapture=ALL to see where every lease is acquired. ";
  }
}
