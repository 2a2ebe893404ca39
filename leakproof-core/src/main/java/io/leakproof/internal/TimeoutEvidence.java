package io.leakproof.internal;

import io.leakproof.CallSite;
import io.leakproof.CallSiteStats;
import io.leakproof.LeaseSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the leases held at a timeout say. A lease is <em>stuck</em> when it was held for at
 * least {@link Diagnosis#STUCK_FLOOR_NANOS} and for at least {@link Diagnosis#LEAK_FACTOR} typical holds or, when
 * no typical hold is known, through the caller's whole wait; any other lease held for less than
 * the wait <em>turned over</em>: it was lent while the caller waited.
 */
final class TimeoutEvidence {
  /**
   * A lease counts as lent during the wait only if it is younger than the wait by more than this:
   * unsampled leases are stamped with the coarse clock, up to a tick before they began, while the
   * wait is measured precisely, so a lease taken just before the caller queued can look a few
   * milliseconds younger than the wait.
   */
  static final long TURNOVER_SLACK_NANOS = 2 * CoarseClock.TICK_NANOS;

  final long waitedNanos;
  final List<LeaseSnapshot> holders;
  final long typicalHoldNanos; // -1 when no ended lease was measured
  final long measuredLeases;
  final List<LeaseSnapshot> stuck = new ArrayList<>();
  int turnedOver;
  int endedHolders; // stuck leases whose holder thread has terminated
  CallSite topSite; // the most frequent site among the stuck leases, or among all when none
  int topSiteCount;

  private TimeoutEvidence(long waitedNanos, List<LeaseSnapshot> holders, List<CallSiteStats> sites) {
    this.waitedNanos = waitedNanos;
    this.holders = holders;
    long measured = 0;
    for (CallSiteStats c : sites) {
      measured += Math.max(0, c.leases() - c.active());
    }
    this.measuredLeases = measured;
    this.typicalHoldNanos = measured == 0 ? -1 : medianOfSiteMeans(sites, measured);
  }

  static TimeoutEvidence of(long waitedNanos, List<LeaseSnapshot> holders, List<CallSiteStats> sites) {
    TimeoutEvidence e = new TimeoutEvidence(waitedNanos, holders, sites);
    // Known typical hold: a lease far past it is stuck, however long the caller waited. Unknown:
    // only a lease held through the whole wait is (and a zero wait proves nothing).
    long stuckAfter =
        e.typicalHoldNanos >= 0
            ? Math.max(Diagnosis.STUCK_FLOOR_NANOS, saturatedTimes(e.typicalHoldNanos, Diagnosis.LEAK_FACTOR))
            : Math.max(Diagnosis.STUCK_FLOOR_NANOS, waitedNanos);
    for (LeaseSnapshot l : holders) {
      long held = Durations.toNanos(l.held());
      if (held >= stuckAfter && (e.typicalHoldNanos >= 0 || waitedNanos > 0)) {
        e.stuck.add(l);
        if (l.threadState() == Thread.State.TERMINATED) {
          e.endedHolders++;
        }
      } else if (held + TURNOVER_SLACK_NANOS < waitedNanos) {
        e.turnedOver++;
      }
    }
    e.findTopSite(e.stuck.isEmpty() ? holders : e.stuck);
    return e;
  }

  private void findTopSite(List<LeaseSnapshot> leases) {
    Map<CallSite, Integer> bySite = new HashMap<>();
    for (LeaseSnapshot l : leases) {
      if (l.callSite() != null) {
        int n = bySite.merge(l.callSite(), 1, Integer::sum);
        if (n > topSiteCount) {
          topSite = l.callSite();
          topSiteCount = n;
        }
      }
    }
  }

  /**
   * The typical hold: the median, weighted by ended leases, of each call site's mean hold.
   * Not the overall mean, which one leaked lease reclaimed after an hour would dominate; a
   * site that leaks moves its own mean only.
   */
  private static long medianOfSiteMeans(List<CallSiteStats> sites, long measured) {
    List<CallSiteStats> ended = new ArrayList<>();
    for (CallSiteStats c : sites) {
      if (c.leases() - c.active() > 0) {
        ended.add(c);
      }
    }
    ended.sort(Comparator.comparing(CallSiteStats::meanHold));
    long seen = 0;
    for (CallSiteStats c : ended) {
      seen += c.leases() - c.active();
      if (2 * seen >= measured) {
        return Durations.toNanos(c.meanHold());
      }
    }
    return Durations.toNanos(ended.get(ended.size() - 1).meanHold());
  }

  private static long saturatedTimes(long nanos, int factor) {
    return nanos > Long.MAX_VALUE / factor ? Long.MAX_VALUE : nanos * factor;
  }
}
