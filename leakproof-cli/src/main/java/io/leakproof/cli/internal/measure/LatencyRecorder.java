package io.leakproof.cli.internal.measure;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Records latencies in an HdrHistogram and answers percentiles to three significant digits, what
 * load testers report: constant memory whatever the run's length, and recording never blocks a
 * borrower.
 *
 * <p>Thread-safe: {@link #record} is wait-free ({@link ConcurrentHistogram}); {@link #snapshot}
 * copies the histogram while recording goes on.
 */
public final class LatencyRecorder {
  /**
   * Significant decimal digits the histogram keeps: a value is known to 0.1%, far finer than the
   * milliseconds the reports print.
   */
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);

  /** Creates an empty recorder. */
  public LatencyRecorder() {}

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds; a negative value (a clock step) counts as 0
   */
  public void record(long nanos) {
    histogram.recordValue(Math.max(0, nanos));
  }

  /**
   * Returns the latencies recorded so far.
   *
   * @return a snapshot, unaffected by later recording
   */
  public Snapshot snapshot() {
    return new Snapshot(histogram.copy());
  }

  /** Recorded latencies at one moment. */
  public static final class Snapshot {
    private final Histogram histogram;

    Snapshot(Histogram histogram) {
      this.histogram = histogram;
    }

    /**
     * Returns how many values were recorded.
     *
     * @return the count
     */
    public long count() {
      return histogram.getTotalCount();
    }

    /**
     * Returns a percentile.
     *
     * @param p between 0 and 100
     * @return the value in nanoseconds (to three significant digits), or -1 when nothing was
     *     recorded
     */
    public long percentile(double p) {
      return count() == 0 ? -1 : histogram.getValueAtPercentile(p);
    }

    /**
     * Returns the largest value (to three significant digits).
     *
     * @return the value in nanoseconds, or -1 when nothing was recorded
     */
    public long max() {
      return count() == 0 ? -1 : histogram.getMaxValue();
    }
  }
}
