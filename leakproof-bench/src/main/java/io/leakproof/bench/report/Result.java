package io.leakproof.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a JMH result file: " + e.getOriginalMessage(), e);
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("a JMH result file is a JSON array");
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode o : root) {
      out.add(of(object(o)));
    }
    return out;
  }

  /** Reads JMH's files as they are: its scores may be the strings "NaN" and "Infinity". */
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static Result of(JsonNode m) {
    String benchmark = m.path("benchmark").asString("");
    int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
    Map<String, String> params = new LinkedHashMap<>();
    m.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
    boolean virtual = false;
    for (JsonNode a : m.path("jvmArgs")) {
      virtual |= a.asString("").equals("-Djmh.executor=VIRTUAL");
    }
    JsonNode primary = object(m.get("primaryMetric"));
    Map<String, Double> secondary = new LinkedHashMap<>();
    JsonNode metrics = m.path("secondaryMetrics");
    metrics
        .properties()
        .forEach(e -> secondary.put(e.getKey().replace("\u00b7", ""), num(e.getValue().get("score"))));
    if (metrics.has(SCORE_METRIC)) {
      primary = object(metrics.get(SCORE_METRIC));
    }
    String shape =
        String.format(
            "-f %s -wi %s -w %s -i %s -r %s",
            m.path("forks").asInt(),
            m.path("warmupIterations").asInt(),
            m.path("warmupTime").asString("").replace(" ", ""),
            m.path("measurementIterations").asInt(),
            m.path("measurementTime").asString("").replace(" ", ""));
    return new Result(
        benchmark.substring(dot + 1),
        params,
        m.path("threads").asInt(),
        virtual,
        num(primary.get("score")),
        num(primary.get("scoreError")),
        primary.path("scoreUnit").asString(""),
        secondary,
        m.path("vmName").asString("") + " " + m.path("vmVersion").asString(""),
        m.path("jmhVersion").asString(""),
        shape,
        m.path("forks").asInt() * m.path("measurementIterations").asInt());
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

  private static JsonNode object(JsonNode o) {
    if (o != null && o.isObject()) {
      return o;
    }
    throw new IllegalArgumentException("expected a JSON object but found " + o);
  }

  /** A number, or a string JMH writes for one ("NaN"); NaN when absent or unreadable. */
  private static double num(JsonNode o) {
    if (o == null) {
      return Double.NaN;
    }
    if (o.isNumber()) {
      return o.doubleValue();
    }
    try {
      return Double.parseDouble(o.asString(""));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
