package io.leakproof;

import java.time.Duration;

/**
 * Statistics of the leases acquired at one call site (only leases whose call site was captured
 * are counted; see {@link CallSiteCapture}).
 *
 * @param callSite where the leases were acquired; {@link #OTHER} collects the sites beyond
 *     {@link PoolConfig#maxCallSites()}
 * @param leases leases counted
 * @param active leases from this site that are held now
 * @param totalHold the sum of the hold times of the ended leases
 * @param maxHold the longest hold time of an ended lease
 * @param leaksSuspected leases that passed {@link PoolConfig#leakWarningThreshold()}
 * @param leaksReclaimed leases reclaimed as abandoned or past {@link PoolConfig#maxHoldTime()}
 */
public record CallSiteStats(
    CallSite callSite,
    long leases,
    long active,
    Duration totalHold,
    Duration maxHold,
    long leaksSuspected,
    long leaksReclaimed) {

  /** The bucket that collects call sites once the table is full. */
  public static final CallSite OTHER = new CallSite("<other call sites>", "-", null, -1);

  /**
   * Returns the mean hold time of the ended leases.
   *
   * @return the mean, or zero when no lease has ended
   */
  public Duration meanHold() {
    long ended = leases - active;
    return ended <= 0 ? Duration.ZERO : totalHold.dividedBy(ended);
  }
}
