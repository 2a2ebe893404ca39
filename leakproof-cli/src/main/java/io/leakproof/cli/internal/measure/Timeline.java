package io.leakproof.cli.internal.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Named series sampled at the same instants: {@code t} (seconds since the run started) and one
 * value per series. Thread-safe; one sampler appends, reports read a copy at the end.
 */
public final class Timeline {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> names;
  private final List<double[]> rows = new ArrayList<>(); // guarded by lock

  /**
   * Creates a timeline.
   *
   * @param names the series, in the order {@link #add} takes their values
   */
  public Timeline(String... names) {
    this.names = List.of(names);
  }

  /**
   * Appends one sample.
   *
   * @param seconds when, in seconds since the run started
   * @param values one value per series
   * @throws IllegalArgumentException if the number of values is wrong
   */
  public void add(double seconds, double... values) {
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          "expected " + names.size() + " values but got " + values.length);
    }
    double[] row = new double[values.length + 1];
    row[0] = seconds;
    System.arraycopy(values, 0, row, 1, values.length);
    lock.lock();
    try {
      rows.add(row);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the series by name, with {@code t} first.
   *
   * @return name → values in sample order
   */
  public Map<String, double[]> columns() {
    List<double[]> copy;
    lock.lock();
    try {
      copy = new ArrayList<>(rows);
    } finally {
      lock.unlock();
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    double[] t = new double[copy.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = copy.get(i)[0];
    }
    out.put("t", t);
    for (int s = 0; s < names.size(); s++) {
      double[] v = new double[copy.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = copy.get(i)[s + 1];
      }
      out.put(names.get(s), v);
    }
    return out;
  }

  /**
   * Returns the largest value of a series.
   *
   * @param name the series
   * @return the maximum, or 0 when empty
   */
  public double max(String name) {
    double[] v = columns().get(name);
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
