package io.leakproof.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a directory of JMH JSON results into the results section of {@code docs/benchmarks.md}
 * and its charts. The section sits between {@link #BEGIN} and {@link #END}; the rest of the
 * document (targets, how to run) is written by hand and kept. {@code run-benchmarks.sh} calls it:
 *
 * <pre>
 * java -cp leakproof-bench/target/benchmarks.jar io.leakproof.bench.report.ReportWriter \
 *     --results /tmp/run --doc docs/benchmarks.md --chart docs/benchmarks.png \
 *     --command "leakproof-bench/run-benchmarks.sh --set full" --machine "2 CPUs, ..." \
 *     --date "2026-01-01 12:00 UTC" --note "Measured on a busy shared machine."
 * </pre>
 *
 * <p>A file {@code failures.txt} in the results directory (one line per JMH run that failed or
 * timed out, written by the script) is listed under "Did not complete".
 */
public final class ReportWriter {

  /** Opens the generated section. */
  static final String BEGIN = "<!-- results:begin -->";

  /** Closes the generated section. */
  static final String END = "<!-- results:end -->";

  private ReportWriter() {}

  /**
   * Writes the report.
   *
   * @param args {@code --results DIR --doc FILE --chart PNG} and optionally {@code --command},
   *     {@code --machine}, {@code --date}, {@code --note}
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if an argument is missing or unknown
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, String> opts = options(args);
    Path resultsDir = Path.of(require(opts, "--results"));
    Path doc = Path.of(require(opts, "--doc"));
    Path chart = Path.of(require(opts, "--chart"));
    List<Result> results = readAll(resultsDir);
    List<String> failures = readFailures(resultsDir);
    List<String> charts = Charts.write(results, chart);
    Path docDir = doc.toAbsolutePath().getParent();
    List<String> relativeCharts = new ArrayList<>();
    for (String c : charts) {
      relativeCharts.add(docDir.relativize(Path.of(c).toAbsolutePath()).toString());
    }
    String section =
        Tables.section(
            results,
            failures,
            relativeCharts,
            new Tables.Context(
                opts.getOrDefault("--date", ""),
                opts.getOrDefault("--machine", ""),
                opts.getOrDefault("--command", ""),
                opts.getOrDefault("--note", "")));
    Files.writeString(doc, splice(Files.exists(doc) ? Files.readString(doc) : "", section));
    System.out.println(
        "wrote " + doc + " (" + results.size() + " results) and " + String.join(", ", charts));
  }

  /**
   * Replaces the generated section of a document, or appends one if it has none.
   *
   * @param document the current text
   * @param section the new section, without markers
   * @return the new text
   */
  static String splice(String document, String section) {
    String block = BEGIN + "\n" + section.strip() + "\n" + END + "\n";
    int b = document.indexOf(BEGIN);
    int e = document.indexOf(END);
    if (b < 0 || e < b) {
      return document.isEmpty() ? block : document.stripTrailing() + "\n\n" + block;
    }
    String tail = document.substring(e + END.length());
    return document.substring(0, b) + block + tail.replaceFirst("^\\R", "");
  }

  static List<Result> readAll(Path dir) throws IOException {
    List<Result> all = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        all.addAll(Result.parse(text));
      }
    }
    return all;
  }

  private static List<String> readFailures(Path dir) throws IOException {
    Path f = dir.resolve("failures.txt");
    if (!Files.exists(f)) {
      return List.of();
    }
    return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String k = args[i];
      if (!List.of("--results", "--doc", "--chart", "--command", "--machine", "--date", "--note")
          .contains(k)) {
        throw new IllegalArgumentException("unknown option " + k);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(k + " needs a value");
      }
      m.put(k, args[i + 1]);
    }
    return m;
  }

  private static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "missing " + key + "; usage: --results DIR --doc FILE --chart PNG [--command TEXT]"
              + " [--machine TEXT] [--date TEXT] [--note TEXT]");
    }
    return v;
  }
}
