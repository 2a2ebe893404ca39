package io.leakproof.management;

import io.leakproof.CallSiteStats;

/**
 * One row of a pool's call-site table as JMX shows it (an open-type {@code CompositeData} with
 * these component names), so that any JMX client can read it without Leakproof's classes.
 *
 * @param callSite where the leases were acquired, as a stack trace prints the frame
 * @param leases leases counted
 * @param active leases from this site held now
 * @param meanHoldMillis the mean hold time of the ended leases, in milliseconds
 * @param maxHoldMillis the longest hold time of an ended lease, in milliseconds
 * @param leaksSuspected leases that passed the leak-warning threshold
 * @param leaksReclaimed leases reclaimed as abandoned or past maxHoldTime
 */
public record CallSiteRow(
    String callSite,
    long leases,
    long active,
    double meanHoldMillis,
    double maxHoldMillis,
    long leaksSuspected,
    long leaksReclaimed) {

  /** Nanoseconds per millisecond, to turn durations into fractional milliseconds. */
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  /**
   * Copies one entry of {@link io.leakproof.Pool#callSiteStats()}.
   *
   * @param s the entry
   * @return the row
   */
  public static CallSiteRow of(CallSiteStats s) {
    return new CallSiteRow(
        s.callSite().toString(),
        s.leases(),
        s.active(),
        s.meanHold().toNanos() / NANOS_PER_MILLI,
        s.maxHold().toNanos() / NANOS_PER_MILLI,
        s.leaksSuspected(),
        s.leaksReclaimed());
  }
}
