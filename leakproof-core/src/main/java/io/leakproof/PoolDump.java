package io.leakproof;

import io.leakproof.internal.DumpFormat;
import java.time.Instant;
import java.util.List;

/**
 * Every lease of a pool at one moment, with the stats and the per-call-site table.
 *
 * @param poolName the pool
 * @param takenAt when the dump was taken (wall clock)
 * @param stats the pool's state
 * @param leases the active leases, longest-held first
 * @param callSites the per-call-site statistics, busiest first
 * @param lastCreateError the last creation error as text (with how long ago), or {@code null}
 */
public record PoolDump(
    String poolName,
    Instant takenAt,
    PoolStats stats,
    List<LeaseSnapshot> leases,
    List<CallSiteStats> callSites,
    String lastCreateError) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if any component other than lastCreateError is null
   */
  public PoolDump {
    java.util.Objects.requireNonNull(poolName, "poolName");
    java.util.Objects.requireNonNull(takenAt, "takenAt");
    java.util.Objects.requireNonNull(stats, "stats");
    leases = List.copyOf(leases);
    callSites = List.copyOf(callSites);
  }

  /**
   * Renders the dump for a person: a header with the counts, then one block per lease.
   *
   * @return the text
   */
  public String toText() {
    return DumpFormat.text(this);
  }

  /**
   * Renders the dump for a machine.
   *
   * @return a JSON object
   */
  public String toJson() {
    return DumpFormat.json(this);
  }
}
