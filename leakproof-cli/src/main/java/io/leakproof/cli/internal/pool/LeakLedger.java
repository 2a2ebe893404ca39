package io.leakproof.cli.internal.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the leaks an incumbent pool reports through its log or listener, by call site, for
 * pools that keep no such table themselves. Thread-safe: the pools report from their own threads.
 */
public final class LeakLedger {
  private final Map<String, long[]> bySite = new ConcurrentHashMap<>();
  private final AtomicLong reported = new AtomicLong();
  private final AtomicLong reclaimed = new AtomicLong();

  /** Creates an empty ledger. */
  public LeakLedger() {}

  /**
   * Counts a reported leak.
   *
   * @param callSite where the connection was acquired, or null if unknown
   * @param wasReclaimed whether the pool also took the connection back
   */
  public void report(String callSite, boolean wasReclaimed) {
    String site = callSite == null ? LeakSite.UNKNOWN : callSite;
    reported.incrementAndGet();
    if (wasReclaimed) {
      reclaimed.incrementAndGet();
    }
    bySite.compute(
        site,
        (k, counts) -> {
          long[] c = counts == null ? new long[2] : counts;
          c[0]++;
          if (wasReclaimed) {
            c[1]++;
          }
          return c;
        });
  }

  /**
   * Returns what was counted so far.
   *
   * @return the summary, call sites by descending count
   */
  public LeakSummary summary() {
    List<LeakSite> sites = new ArrayList<>();
    bySite.forEach((site, c) -> sites.add(new LeakSite(site, c[0], c[1])));
    sites.sort(
        Comparator.comparingLong(LeakSite::reported).reversed().thenComparing(LeakSite::callSite));
    return new LeakSummary(reported.get(), reclaimed.get(), sites);
  }
}
