package io.leakproof.internal;

import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.LeakSignal;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the messages a person reads at 3 a.m.: the acquire-timeout diagnosis and the leak
 * reports. Each says what happened, who holds the pool, and what to do next.
 */
final class Diagnosis {
  /** The timeout message lists this many of the longest-held leases. */
  static final int TIMEOUT_HOLDERS = 5;

  /**
   * A lease held this many typical holds (and through the caller's whole wait) looks leaked, not
   * slow: ordinary hold times vary by a few times around their mean, seldom by ten.
   */
  static final int LEAK_FACTOR = 10;

  /**
   * A lease held for less than this is never called leaked: shorter holds are slow work, and
   * "leak suspected" on a 50 ms hold would send the reader after the wrong cause.
   */
  static final long STUCK_FLOOR_NANOS = 1_000_000_000L;

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

  /** Diagnoses a timeout without the pool's hold statistics (no typical hold to compare with). */
  String timeout(
      long waitedNanos,
      PoolStats s,
      List<LeaseSnapshot> holders,
      CreateError lastError,
      long nowNanos) {
    return timeout(waitedNanos, s, holders, lastError, nowNanos, List.of());
  }

  /**
   * Writes the acquire-timeout message: what happened, who holds the pool, the verdict the
   * evidence supports (creation failing, leak suspected, overloaded, or holds longer than the
   * wait) and the next step for that verdict.
   *
   * @param waitedNanos how long the caller waited
   * @param s the pool's statistics at the timeout
   * @param holders every current lease, longest-held first
   * @param lastError the last creation failure, or null
   * @param nowNanos the pool ticker's time of the timeout
   * @param sites the pool's per-call-site statistics, whose hold times of ended leases give the
   *     pool's typical hold; empty when unknown
   */
  String timeout(
      long waitedNanos,
      PoolStats s,
      List<LeaseSnapshot> holders,
      CreateError lastError,
      long nowNanos,
      List<CallSiteStats> sites) {
    StringBuilder b = new StringBuilder(768);
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
    TimeoutEvidence e = TimeoutEvidence.of(waitedNanos, holders, sites);
    Verdict v = verdict(e, s, lastError, nowNanos);
    b.append("\nVerdict: ").append(v.finding());
    b.append("\nNext step: ").append(v.nextStep());
    return b.toString();
  }

  /** What the evidence says, and what to do about it. */
  private record Verdict(String finding, String nextStep) {}

  /** Returns the verdict the evidence supports, the most specific first. */
  private Verdict verdict(TimeoutEvidence e, PoolStats s, CreateError lastError, long nowNanos) {
    if (lastError != null && s.leased() < s.maxSize()) {
      return new Verdict(cannotConnect(s, lastError, nowNanos), cannotConnectStep());
    }
    if (s.leased() < s.maxSize() && s.connecting() > 0) {
      return new Verdict(
          "slow to connect: "
              + s.connecting()
              + " "
              + kind
              + (s.connecting() == 1 ? " is" : "s are")
              + " being created and none was ready within the "
              + Durations.format(e.waitedNanos)
              + " wait, with "
              + s.leased()
              + " of "
              + s.maxSize()
              + " lent; no lease is to blame",
          "find out why opening a "
              + kind
              + " is slow (network, TLS, authentication, a server at its connection limit);"
              + " createTimeout bounds each attempt and the pool retries by itself.");
    }
    if (!e.stuck.isEmpty()) {
      return new Verdict(leakSuspected(e), leakStep(e));
    }
    if (e.turnedOver > 0) {
      return new Verdict(overloaded(e, s), overloadStep());
    }
    if (e.holders.isEmpty()) {
      return new Verdict(
          "no " + kind + " became free within " + Durations.format(e.waitedNanos),
          "call pool.dump() to see the state of every " + kind + ".");
    }
    if (e.waitedNanos == 0 && e.typicalHoldNanos < 0) {
      return new Verdict(
          "every " + kind + " is lent and the caller did not wait (timeout zero): one instant shows"
              + " no trend",
          noTurnoverStep(e));
    }
    if (e.typicalHoldNanos >= 0) {
      return new Verdict(
          "busy, no leak in sight: every lease was held through the "
              + Durations.format(e.waitedNanos)
              + " wait, but none for longer than "
              + Durations.format(e.holders.get(0).held())
              + ", not far past the typical hold ("
              + typical(e)
              + ")",
          "the wait is short next to a hold: raise acquireTimeout to several typical holds, or"
              + " raise maxSize if the server can take more "
              + kind
              + "s; if queues keep growing, set maxWaiting so that excess callers fail fast.");
    }
    return new Verdict(
        "no lease came back during the "
            + Durations.format(e.waitedNanos)
            + " wait: the "
            + e.holders.size()
            + " held now were held for "
            + Durations.format(e.holders.get(e.holders.size() - 1).held())
            + " to "
            + Durations.format(e.holders.get(0).held())
            + " (no typical hold measured yet to compare with)",
        noTurnoverStep(e));
  }

  private String cannotConnect(PoolStats s, CreateError lastError, long nowNanos) {
    long attempts = s.created() + s.createFailures();
    String what =
        s.created() == 0
            ? "every creation has failed ("
                + count(s.createFailures())
                + (s.createFailures() == 1 ? " attempt" : " attempts")
                + ", none succeeded)"
            : "creations fail now (the last failed "
                + Durations.format(nowNanos - lastError.atNanos())
                + " ago; "
                + count(s.createFailures())
                + " of "
                + count(attempts)
                + " attempts failed in all)";
    return "cannot connect: "
        + what
        + ", so only "
        + s.open()
        + " of "
        + s.maxSize()
        + " "
        + kind
        + "s are open and none could be added for the "
        + (s.waiting() + 1)
        + (s.waiting() == 0 ? " waiting caller" : " waiting callers");
  }

  private String cannotConnectStep() {
    return "the pool cannot create "
        + kind
        + "s: fix the cause of the creation error above (address, credentials, network,"
        + " server limits); the pool retries by itself.";
  }

  private String leakSuspected(TimeoutEvidence e) {
    StringBuilder b = new StringBuilder(256);
    int k = e.stuck.size();
    b.append("leak suspected: ")
        .append(k)
        .append(" of ")
        .append(e.holders.size())
        .append(" leases held for ")
        .append(Durations.format(e.stuck.get(k - 1).held()))
        .append(k == 1 ? "" : " or longer");
    if (e.typicalHoldNanos >= 0) {
      b.append(", far longer than the typical hold (").append(typical(e)).append(')');
    } else {
      b.append(", through the whole ")
          .append(Durations.format(e.waitedNanos))
          .append(" wait");
    }
    if (e.topSite != null) {
      b.append(e.topSiteCount == k ? ", all" : ", " + e.topSiteCount + " of them")
          .append(" acquired at ")
          .append(e.topSite);
    } else {
      b.append(", call sites not captured");
    }
    if (e.endedHolders > 0) {
      b.append("; ")
          .append(e.endedHolders)
          .append(e.endedHolders == 1 ? " holder thread has" : " holder threads have")
          .append(" ended without closing");
    }
    if (e.turnedOver > 0) {
      b.append("; the other ")
          .append(e.turnedOver)
          .append(e.turnedOver == 1 ? " was" : " were")
          .append(" lent during the wait, so the pool works with what the leak leaves it");
    }
    return b.toString();
  }

  private String leakStep(TimeoutEvidence e) {
    String where =
        e.topSite != null
            ? "look at "
                + e.topSite
                + " for a missing close() (or a call that hangs while holding the "
                + kind
                + "); pool.dump() shows every holder."
            : "set callSiteCapture=ALL to see where every lease is acquired ("
                + captureDescription()
                + " now), or call pool.dump() and look at the holder threads.";
    return where
        + " leakWarningThreshold reports such leases as they happen; maxHoldTime reclaims them.";
  }

  private String overloaded(TimeoutEvidence e, PoolStats s) {
    StringBuilder b = new StringBuilder(256);
    // "Short" only against a measured typical hold; without one, that they turn over is the fact.
    b.append("overloaded: leases ")
        .append(e.typicalHoldNanos >= 0 ? "are short" : "turn over")
        .append(" (longest held ")
        .append(Durations.format(e.holders.get(0).held()));
    if (e.typicalHoldNanos >= 0) {
      b.append(", typical ").append(typical(e));
    }
    b.append("; ")
        .append(e.turnedOver)
        .append(" of the ")
        .append(e.holders.size())
        .append(" held now were lent during the ")
        .append(Durations.format(e.waitedNanos))
        .append(" wait), but ");
    if (s.waiting() > 0) {
      b.append(count(s.waiting()))
          .append(s.waiting() == 1 ? " more caller queues" : " more callers queue")
          .append(" for ")
          .append(s.maxSize())
          .append(' ')
          .append(kind)
          .append(s.maxSize() == 1 ? "" : "s");
    } else {
      b.append("callers ahead in the queue took each one as it came back");
    }
    // Without a typical hold, a lease of several seconds that was lent during the wait may still
    // be a young leak: say only what is known.
    boolean shortHolds =
        e.typicalHoldNanos >= 0 || Durations.toNanos(e.holders.get(0).held()) < STUCK_FLOOR_NANOS;
    b.append(shortHolds ? "; no lease looks leaked" : "; none was held through the whole wait");
    return b.toString();
  }

  private String overloadStep() {
    return "the pool is too small for the load or the load must be shed: raise maxSize if the"
        + " server can take more "
        + kind
        + "s, shorten the work done while holding one, or set maxWaiting so that excess callers"
        + " fail fast instead of queueing.";
  }

  private String noTurnoverStep(TimeoutEvidence e) {
    if (e.topSite != null) {
      return e.topSiteCount
          + " of the "
          + e.holders.size()
          + " leases held now were acquired at "
          + e.topSite
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

  /** The typical hold and what it rests on, for example {@code ~12 ms over 5 measured leases}. */
  private static String typical(TimeoutEvidence e) {
    return "~"
        + Durations.format(e.typicalHoldNanos)
        + " over "
        + count(e.measuredLeases)
        + (e.measuredLeases == 1 ? " measured lease" : " measured leases");
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
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
