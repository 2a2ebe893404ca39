package io.leakproof.management;

import java.util.List;
import java.util.Map;

/**
 * The JMX view of one pool, registered as {@code io.leakproof:type=Pool,name=<pool>} by
 * {@link PoolMXBeans#register}. Every type is a JMX open type, so jconsole, VisualVM, jmxterm or
 * a Jolokia agent read it without Leakproof on their class path.
 *
 * <p>Attributes read the pool's state at the moment of the call ({@link io.leakproof.Pool#stats()}
 * per attribute: cheap, but two attributes may describe two moments under load). Operations
 * that fail throw only JDK exceptions ({@link IllegalArgumentException},
 * {@link IllegalStateException}) whose message says why, for the same reason.
 *
 * <p>No attribute or operation exposes a password or other credential (see the package
 * documentation).
 */
public interface PoolMXBean {

  /**
   * Returns the pool's name.
   *
   * @return the name
   */
  String getName();

  /**
   * Returns whether the pool is closed or closing.
   *
   * @return whether {@link io.leakproof.Pool#close()} was called
   */
  boolean isClosed();

  /**
   * Returns the current maximum number of physical resources.
   *
   * @return maxSize
   */
  int getMaxSize();

  /**
   * Returns the current minimum number of idle resources.
   *
   * @return minIdle
   */
  int getMinIdle();

  /**
   * Returns the physical resources counted against maxSize.
   *
   * @return idle + leased + connecting + closing
   */
  int getOpen();

  /**
   * Returns the resources ready to lend.
   *
   * @return the idle count
   */
  int getIdle();

  /**
   * Returns the resources lent out.
   *
   * @return the leased count
   */
  int getLeased();

  /**
   * Returns the creations in progress.
   *
   * @return the connecting count
   */
  int getConnecting();

  /**
   * Returns the resources being destroyed.
   *
   * @return the closing count
   */
  int getClosing();

  /**
   * Returns the callers waiting to acquire.
   *
   * @return the waiting count
   */
  int getWaiting();

  /**
   * Returns the highest leased count observed.
   *
   * @return the peak
   */
  int getPeakLeased();

  /**
   * Returns the leases granted since the pool opened.
   *
   * @return the count
   */
  long getAcquired();

  /**
   * Returns the acquisitions that had to wait.
   *
   * @return the count
   */
  long getWaitCount();

  /**
   * Returns the time all acquisitions spent waiting.
   *
   * @return milliseconds
   */
  long getTotalWaitMillis();

  /**
   * Returns the acquisitions that gave up after the acquire timeout.
   *
   * @return the count
   */
  long getTimeouts();

  /**
   * Returns the acquisitions refused because maxWaiting callers were waiting.
   *
   * @return the count
   */
  long getRejected();

  /**
   * Returns the physical resources created.
   *
   * @return the count
   */
  long getCreated();

  /**
   * Returns the creations that failed or passed their deadline.
   *
   * @return the count
   */
  long getCreateFailures();

  /**
   * Returns the physical resources closed, per reason.
   *
   * @return lower-case {@link io.leakproof.CloseReason} name to count, every reason present
   */
  Map<String, Long> getClosedByReason();

  /**
   * Returns the leases reported as held past the leak-warning threshold.
   *
   * @return the count
   */
  long getLeaksSuspected();

  /**
   * Returns the leases reclaimed as abandoned or past maxHoldTime.
   *
   * @return the count
   */
  long getLeaksReclaimed();

  /**
   * Returns the acquire timeout.
   *
   * @return milliseconds
   */
  long getAcquireTimeoutMillis();

  /**
   * Returns the leak-warning threshold.
   *
   * @return milliseconds; 0 when off
   */
  long getLeakWarningThresholdMillis();

  /**
   * Returns the hard hold limit.
   *
   * @return milliseconds; 0 when off
   */
  long getMaxHoldTimeMillis();

  /**
   * Returns the call-site capture level, with the sample rate when sampled.
   *
   * @return for example {@code SAMPLED 1/64}
   */
  String getCallSiteCapture();

  /**
   * Returns the per-call-site statistics, leakiest and busiest first.
   *
   * @return the rows; empty when call sites are not captured
   */
  List<CallSiteRow> getCallSites();

  /**
   * Renders the call-site table as text, one line per site.
   *
   * @return the table
   */
  String callSiteTable();

  /**
   * Renders the pool's dump for a person: the counts, then every lease with its holder, hold
   * time, call site and stack when captured, then the call-site table.
   *
   * @return {@link io.leakproof.PoolDump#toText()}
   */
  String dumpText();

  /**
   * Renders the pool's dump as JSON.
   *
   * @return {@link io.leakproof.PoolDump#toJson()}
   */
  String dumpJson();

  /**
   * Retires every resource: idle ones now, leased ones when they come back. Does nothing when
   * the pool is closed.
   */
  void softEvict();

  /**
   * Changes maxSize, keeping minIdle.
   *
   * @param maxSize the new maximum
   * @throws IllegalArgumentException if the value is invalid (the message names the rule)
   * @throws IllegalStateException if the pool is closed
   */
  void resize(int maxSize);

  /**
   * Changes minIdle and maxSize.
   *
   * @param minIdle the new minimum of idle resources
   * @param maxSize the new maximum
   * @throws IllegalArgumentException if a value is invalid (the message names the rule)
   * @throws IllegalStateException if the pool is closed
   */
  void resize(int minIdle, int maxSize);
}
