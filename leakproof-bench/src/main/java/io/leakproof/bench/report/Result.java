package io.leakproof.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark with one set of parameters), as read from a {@code -rf json}
 * file.
 *
 * @param benchmark the class and method, without the package: {@code ConnectionCycleBench.cycle}
 * @param params the {@code @Param} values
 * @param threads benchmark threads
 * @param virtualThreads whether JMH ran them as virtual threads ({@code -Djmh.executor=VIRTUAL})
 * @param score the primary score (or {@link #SCORE_METRIC} when measured)
 * @param error the score's 99.9% error, NaN when JMH had too few samples
 * @param unit the score's unit, such as {@code ops/ms}
 * @param secondary secondary metrics by name ({@code gc.alloc.rate.norm}, aux counters)
 * @param jvm the JVM's name and version
 * @param jmhVersion JMH's version
 * @param shape forks, warmup and measurement iterations, as JMH options
 * @param iterations measured iterations over all forks (JMH sums event counters over them)
 */
record Result(
    String benchmark,
    Map<String, String> params,
    int threads,
    boolean virtualThreads,
    double score,
    double error,
    String unit,
    Map<String, Double> secondary,
    String jvm,
    String jmhVersion,
    String shape,
    int iterations) {

  /**
   * A secondary metric that, when present, is the result's score: the connection cycles per
   * millisecond of VirtualThreadCycleBench, whose primary score counts bursts.
   */
  static final String SCORE_METRIC = "cycles";

  /**
   * Reads every result of a JMH JSON file.
   *
   * @param json the file's text
   * @return the results, in file order
   * @throws IllegalArgumentException if the text is not a JMH result file
   */
  static List<Result> parse(String json) {
    Object root = Json.parse(json);
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException("a JMH result file is a JSON array");
    }
    List<Result> out = new ArrayList<>();
    for (Object o : list) {
      out.add(of(map(o)));
    }
    return out;
  }

  private static Result of(Map<String, Object> m) {
    String benchmark = str(m.get("benchmark"));
    int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
    Map<String, String> params = new LinkedHashMap<>();
    if (m.get("params") != null) {
      map(m.get("params")).forEach((k, v) -> params.put(k, str(v)));
    }
    boolean virtual = false;
    if (m.get("jvmArgs") instanceof List<?> args) {
      for (Object a : args) {
        virtual |= str(a).equals("-Djmh.executor=VIRTUAL");
      }
    }
    Map<String, Object> primary = map(m.get("primaryMetric"));
    Map<String, Double> secondary = new LinkedHashMap<>();
    if (m.get("secondaryMetrics") != null) {
      Map<String, Object> metrics = map(m.get("secondaryMetrics"));
      metrics.forEach((k, v) -> secondary.put(k.replace("\u00b7", ""), num(map(v).get("score"))));
      if (metrics.get(SCORE_METRIC) != null) {
        primary = map(metrics.get(SCORE_METRIC));
      }
    }
    String shape =
        String.format(
            "-f %s -wi %s -w %s -i %s -r %s",
            num(m.get("forks")).intValue(),
            num(m.get("warmupIterations")).intValue(),
            str(m.get("warmupTime")).replace(" ", ""),
            num(m.get("measurementIterations")).intValue(),
            str(m.get("measurementTime")).replace(" ", ""));
    return new Result(
        benchmark.substring(dot + 1),
        params,
        num(m.get("threads")).intValue(),
        virtual,
        num(primary.get("score")),
        num(primary.get("scoreError")),
        str(primary.get("scoreUnit")),
        secondary,
        str(m.get("vmName")) + " " + str(m.get("vmVersion")),
        str(m.get("jmhVersion")),
        shape,
        num(m.get("forks")).intValue() * num(m.get("measurementIterations")).intValue());
  }

  /**
   * Returns a parameter's value.
   *
   * @param name the parameter
   * @return its value, or "" if the benchmark has no such parameter
   */
  String param(String name) {
    return params.getOrDefault(name, "");
  }

  /**
   * Returns a secondary metric's score.
   *
   * @param name the metric, such as {@code gc.alloc.rate.norm}
   * @return the score, or NaN if not measured
   */
  double metric(String name) {
    return secondary.getOrDefault(name, Double.NaN);
  }

  /**
   * Returns an event counter's count per measured iteration (JMH reports the sum).
   *
   * @param name the counter, such as {@code timeouts}
   * @return the mean count per iteration, or NaN if not measured
   */
  double perIteration(String name) {
    return metric(name) / Math.max(1, iterations);
  }

  /**
   * Returns how the threads ran, for headings: {@code "8 platform threads"}.
   *
   * @return the description
   */
  String threading() {
    if (!param("virtualThreads").isEmpty()) {
      return param("virtualThreads") + " virtual threads";
    }
    return threads
        + (virtualThreads ? " virtual" : " platform")
        + (threads == 1 ? " thread" : " threads");
  }

  @SuppressWarnings("unchecked") // JSON objects are maps of strings to values
  private static Map<String, Object> map(Object o) {
    if (o instanceof Map<?, ?>) {
      return (Map<String, Object>) o;
    }
    throw new IllegalArgumentException("expected a JSON object but found " + o);
  }

  private static String str(Object o) {
    if (o instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return o == null ? "" : o.toString();
  }

  private static Double num(Object o) {
    if (o instanceof Double d) {
      return d;
    }
    if (o instanceof String s) {
      try {
        return Double.valueOf(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
