package io.leakproof.cli.internal.loadtest;

import io.leakproof.cli.internal.term.Terminal;
import java.nio.file.Path;
import java.util.List;

/** The load test's outputs: the terminal table and the HTML report. */
public final class LoadTestReport {
  private LoadTestReport() {}

  /**
   * Prints the table and verdicts.
   *
   * @param terminal where
   * @param results the results
   * @param settings the settings
   */
  public static void print(Terminal terminal, List<LoadTestResult> results, LoadTestSettings settings) {
    new LoadTestOutput(terminal).print(results, settings);
  }

  /**
   * Writes the HTML report.
   *
   * @param file where
   * @param results the results
   * @param settings the settings
   * @throws io.leakproof.cli.internal.CliException if the file cannot be written
   */
  public static void writeHtml(Path file, List<LoadTestResult> results, LoadTestSettings settings) {
    LoadTestHtml.write(file, results, settings);
  }
}
