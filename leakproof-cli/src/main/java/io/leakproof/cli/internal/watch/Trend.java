package io.leakproof.cli.internal.watch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides whether a count keeps growing: a trend over the last {@code window} samples, not a
 * snapshot, as the Go HTTP-client article advises (docs/articles.md, article 5) ("a snapshot is not a leak; a count that rises and never falls
 * back is"). A series is growing when its least-squares line rises by at least {@code minGrowth}
 * across the window, its last value is at least the highest value of the window's first half
 * (it did not fall back), at most a quarter of its steps went down, and at least a third went up
 * (a pool filling up once at start-up, one jump then flat, is not growth).
 *
 * <p>Not thread-safe: the watch loop owns it.
 */
final class Trend {
  private final int window;
  private final int minGrowth;
  private final Map<String, ArrayDeque<double[]>> history = new HashMap<>();
  private final ArrayDeque<Double> times = new ArrayDeque<>();

  Trend(int window, int minGrowth) {
    this.window = window;
    this.minGrowth = minGrowth;
  }

  /**
   * Starts a sample: the values {@link #add}ed next belong to this instant.
   *
   * @param seconds the sample's time
   */
  void sample(double seconds) {
    times.addLast(seconds);
    while (times.size() > window) {
      times.removeFirst();
    }
  }

  /**
   * Records the current sample's value of one series. A series seen for the first time had 0 at
   * the earlier samples of the window (an endpoint the process did not talk to yet).
   *
   * @param key the series
   * @param count its value
   * @throws IllegalStateException if no sample was started
   */
  void add(String key, int count) {
    if (times.isEmpty()) {
      throw new IllegalStateException("call sample(seconds) first");
    }
    ArrayDeque<double[]> h = history.get(key);
    if (h == null) {
      h = new ArrayDeque<>();
      int i = 0;
      for (double t : times) {
        if (++i < times.size()) {
          h.addLast(new double[] {t, 0});
        }
      }
      history.put(key, h);
    }
    h.addLast(new double[] {times.peekLast(), count});
    while (h.size() > window) {
      h.removeFirst();
    }
  }

  /** Forgets series that stayed at zero for a whole window. */
  void prune() {
    Iterator<Map.Entry<String, ArrayDeque<double[]>>> it = history.entrySet().iterator();
    while (it.hasNext()) {
      ArrayDeque<double[]> h = it.next().getValue();
      if (h.size() == window && h.stream().allMatch(p -> p[1] == 0)) {
        it.remove();
      }
    }
  }

  /** Returns the series known so far. */
  Iterable<String> keys() {
    return history.keySet();
  }

  /**
   * Returns the fitted slope, in counts per minute, or 0 with fewer than 2 samples.
   *
   * @param key the series
   * @return the slope
   */
  double slopePerMinute(String key) {
    ArrayDeque<double[]> h = history.get(key);
    if (h == null || h.size() < 2) {
      return 0;
    }
    double n = h.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : h) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double denominator = n * sxx - sx * sx;
    if (denominator == 0) {
      return 0;
    }
    return (n * sxy - sx * sy) / denominator * 60;
  }

  /**
   * Returns whether the series is growing (see the class comment).
   *
   * @param key the series
   * @return true if it is
   */
  boolean growing(String key) {
    ArrayDeque<double[]> h = history.get(key);
    if (h == null || h.size() < window) {
      return false;
    }
    double[][] p = h.toArray(new double[0][]);
    double span = p[p.length - 1][0] - p[0][0];
    double rise = slopePerMinute(key) / 60 * span;
    if (rise < minGrowth) {
      return false;
    }
    double firstHalfMax = 0;
    for (int i = 0; i < p.length / 2; i++) {
      firstHalfMax = Math.max(firstHalfMax, p[i][1]);
    }
    int drops = 0;
    int rises = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i][1] < p[i - 1][1]) {
        drops++;
      } else if (p[i][1] > p[i - 1][1]) {
        rises++;
      }
    }
    int steps = p.length - 1;
    return p[p.length - 1][1] >= firstHalfMax && drops <= steps / 4 && rises * 3 >= steps;
  }

  /**
   * Returns the first and last counts of the window.
   *
   * @param key the series
   * @return {first, last}
   */
  int[] range(String key) {
    ArrayDeque<double[]> h = history.get(key);
    if (h == null || h.isEmpty()) {
      return new int[] {0, 0};
    }
    return new int[] {(int) h.peekFirst()[1], (int) h.peekLast()[1]};
  }
}
