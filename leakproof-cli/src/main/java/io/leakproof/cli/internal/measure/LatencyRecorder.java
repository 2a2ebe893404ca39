package io.leakproof.cli.internal.measure;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records latencies and answers exact percentiles. A run records at most a few hundred thousand
 * values, so keeping them all (8 bytes each) is cheaper to reason about than a histogram.
 *
 * <p>Thread-safe: {@link #record} appends under a lock held for a few nanoseconds (never across
 * blocking); readers sort a copy.
 */
public final class LatencyRecorder {
  private final ReentrantLock lock = new ReentrantLock();
  private long[] values = new long[1024]; // guarded by lock
  private int size; // guarded by lock

  /** Creates an empty recorder. */
  public LatencyRecorder() {}

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds
   */
  public void record(long nanos) {
    lock.lock();
    try {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the recorded values, sorted.
   *
   * @return a snapshot
   */
  public Snapshot snapshot() {
    long[] copy;
    lock.lock();
    try {
      copy = Arrays.copyOf(values, size);
    } finally {
      lock.unlock();
    }
    Arrays.sort(copy);
    return new Snapshot(copy);
  }

  /** Sorted latencies at one moment. */
  public static final class Snapshot {
    private final long[] sorted;

    Snapshot(long[] sorted) {
      this.sorted = sorted;
    }

    /** Returns how many values were recorded. */
    public int count() {
      return sorted.length;
    }

    /**
     * Returns a percentile (nearest rank).
     *
     * @param p between 0 and 100
     * @return the value in nanoseconds, or -1 when nothing was recorded
     */
    public long percentile(double p) {
      if (sorted.length == 0) {
        return -1;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Returns the largest value, or -1 when nothing was recorded. */
    public long max() {
      return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }
  }
}
