package io.leakproof.cli.internal.loadtest;

import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.internal.term.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Prints the load test's table and verdicts on the terminal. */
final class LoadTestOutput {
  private final Terminal t;

  LoadTestOutput(Terminal terminal) {
    this.t = terminal;
  }

  void print(List<LoadTestResult> results, LoadTestSettings s) {
    PrintWriter out = t.out();
    out.println();
    String[] header = new String[results.size() + 1];
    header[0] = "";
    for (int i = 0; i < results.size(); i++) {
      header[i + 1] = results.get(i).name();
    }
    TextTable table = new TextTable(header);
    row(table, "pool", results, r -> t.dim(r.title()));
    row(
        table,
        "peak server connections / max",
        results,
        r -> {
          if (r.peakServerConnections() < 0) {
            return "n/a / " + r.maxSize();
          }
          String text = r.peakServerConnections() + " / " + r.maxSize();
          return r.exceededMax() ? t.red(text + " EXCEEDED") : t.green(text + " ✓");
        });
    row(table, "wall time", results, r -> Fmt.seconds(r.wallSeconds()));
    row(table, "ideal wall time", results, r -> Fmt.seconds(r.idealSeconds()));
    row(
        table,
        "throughput (of ideal)",
        results,
        r -> Fmt.rate(r.throughput()) + " (" + Fmt.percent(r.efficiency()) + ")");
    row(table, "acquire wait p50", results, r -> Fmt.nanos(r.waitP50Nanos()));
    row(table, "acquire wait p99", results, r -> Fmt.nanos(r.waitP99Nanos()));
    row(table, "acquire wait max", results, r -> Fmt.nanos(r.waitMaxNanos()));
    row(table, "borrowed", results, r -> Fmt.count(r.borrowed()) + " of " + Fmt.count(r.borrowers()));
    row(table, "timeouts", results, r -> r.timeouts() > 0 ? t.red(Fmt.count(r.timeouts())) : "0");
    row(table, "errors", results, r -> r.errors() > 0 ? t.red(Fmt.count(r.errors())) : "0");
    if (s.leakRate() > 0) {
      row(table, "leaks made", results, r -> Fmt.count(r.leaksMade()));
      row(table, "leaks reported", results, r -> Fmt.count(r.leaks().reported()));
      row(
          table,
          "leaks reclaimed",
          results,
          r -> r.leaks().reclaimed() > 0 ? t.green(Fmt.count(r.leaks().reclaimed())) : "0");
    }
    row(table, "connections created (dial)", results, r -> Fmt.count(r.created()));
    row(table, "borrows that reused one", results, r -> Fmt.count(r.reused()));
    row(
        table,
        "left open after close",
        results,
        r -> r.leftOpen() > 0 ? t.yellow(Integer.toString(r.leftOpen())) : "0");
    out.print(table.render(t, 2));
    out.println();
    for (LoadTestResult r : results) {
      out.println("  " + verdict(r));
    }
    out.flush();
  }

  private String verdict(LoadTestResult r) {
    if (r.exceededMax()) {
      return t.red(
          "✗ "
              + r.name()
              + ": the server saw "
              + r.peakServerConnections()
              + " connections for a limit of "
              + r.maxSize()
              + " — the pool's limit does not hold.");
    }
    String limit =
        r.peakServerConnections() < 0
            ? "limit not checked (no server-side count for this database)"
            : "limit held (peak " + r.peakServerConnections() + " of " + r.maxSize() + ")";
    if (r.timeouts() > 0 || r.errors() > 0) {
      return t.yellow(
          "! "
              + r.name()
              + ": "
              + limit
              + ", but "
              + Fmt.count(r.timeouts())
              + " timeouts and "
              + Fmt.count(r.errors())
              + " errors.");
    }
    return t.green("✓ " + r.name() + ": " + limit + ", every borrower served.");
  }

  private static void row(
      TextTable table, String label, List<LoadTestResult> results, Function<LoadTestResult, String> f) {
    String[] cells = new String[results.size() + 1];
    cells[0] = label;
    for (int i = 0; i < results.size(); i++) {
      cells[i + 1] = f.apply(results.get(i));
    }
    table.row(cells);
  }
}
