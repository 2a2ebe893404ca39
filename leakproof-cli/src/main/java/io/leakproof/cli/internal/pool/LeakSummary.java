package io.leakproof.cli.internal.pool;

import java.util.List;

/**
 * The leaks a pool reported and reclaimed.
 *
 * @param reported leaks the pool reported (suspected or proven, once per leaked connection)
 * @param reclaimed leaks the pool took back
 * @param sites the same, by call site, most frequent first
 */
public record LeakSummary(long reported, long reclaimed, List<LeakSite> sites) {
  /** No leaks. */
  public static final LeakSummary NONE = new LeakSummary(0, 0, List.of());

  /** Copies the list. */
  public LeakSummary {
    sites = List.copyOf(sites);
  }
}
