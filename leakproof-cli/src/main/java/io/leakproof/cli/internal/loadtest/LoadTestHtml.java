package io.leakproof.cli.internal.loadtest;

import static io.leakproof.cli.internal.report.ComparisonTable.cell;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.report.Chart;
import io.leakproof.cli.internal.report.ComparisonTable;
import io.leakproof.cli.internal.report.HtmlPage;
import io.leakproof.cli.internal.report.Palette;
import io.leakproof.cli.internal.term.Fmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the load test's HTML report: verdicts, the table, and the charts. The page is {@code
 * loadtest.mustache} beside this class; this class computes its values.
 */
final class LoadTestHtml {
  private static final String TEMPLATE = "/io/leakproof/cli/internal/loadtest/loadtest.mustache";

  private LoadTestHtml() {}

  static void write(Path file, List<LoadTestResult> results, LoadTestSettings s) {
    HtmlPage page = new HtmlPage("Leakproof load test");
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("timestamp", HtmlPage.timestamp());
    scope.put("borrowers", Fmt.count(s.borrowers()));
    scope.put("threads", s.virtualThreads() ? "virtual" : "platform");
    scope.put("hold", Fmt.duration(s.hold()));
    scope.put("serverSideHold", s.serverSideHold());
    scope.put("leakRate", s.leakRate() > 0 ? Fmt.percent(s.leakRate()) : null);
    scope.put("max", s.maxSize());
    scope.put("acquireTimeout", Fmt.duration(s.acquireTimeout()));
    scope.put("url", Secrets.maskUrl(s.url()));
    List<Map<String, Object>> verdicts = new ArrayList<>();
    for (LoadTestResult r : results) {
      verdicts.add(verdict(r));
    }
    scope.put("verdicts", verdicts);
    scope.put("table", table(results, s).view());
    scope.put("figures", figures(page, results, s));
    page.writeTo(file, TEMPLATE, scope);
  }

  private static List<Map<String, Object>> figures(
      HtmlPage page, List<LoadTestResult> results, LoadTestSettings s) {
    List<Map<String, Object>> figures = new ArrayList<>();
    Chart server =
        Chart.lines("Server-side connections over time", "seconds", "connections")
            .limit("pool max " + s.maxSize(), s.maxSize());
    for (LoadTestResult r : results) {
      server.series(r.title(), Palette.pool(r.name()), r.timeline().get("t"), r.timeline().get("server"), "line");
    }
    server.note(
        "Counted by the database, sampled every "
            + Fmt.duration(s.sampleInterval())
            + ": "
            + (results.isEmpty() ? "" : results.get(0).sessionsMethod())
            + ". A pool whose limit holds never crosses the red line.");
    figures.add(page.figure(server, "wide"));

    List<String> categories = List.of("p50", "p90", "p99", "max");
    Chart waits = Chart.bars("Acquire wait percentiles", categories, "milliseconds (log scale)").logY();
    for (LoadTestResult r : results) {
      List<Double> values = new ArrayList<>();
      for (long nanos : new long[] {r.waitP50Nanos(), r.waitP90Nanos(), r.waitP99Nanos(), r.waitMaxNanos()}) {
        values.add(nanos < 0 ? null : Math.max(0.001, nanos / 1e6));
      }
      waits.bars(r.title(), Palette.pool(r.name()), values);
    }
    waits.note("Time spent in getConnection(), successful or not, per borrower.");
    figures.add(page.figure(waits, ""));

    Chart done = Chart.lines("Borrowers done over time", "seconds", "borrowers");
    for (LoadTestResult r : results) {
      done.series(r.title(), Palette.pool(r.name()), r.timeline().get("t"), r.timeline().get("done"), "line");
    }
    done.series(
        "ideal",
        Palette.GREY,
        new double[] {0, s.idealSeconds()},
        new double[] {0, s.borrowers()},
        "dashed");
    done.note(
        "The ideal (dashed) is a straight line to "
            + Fmt.count(s.borrowers())
            + " at "
            + Fmt.seconds(s.idealSeconds())
            + " (waves of max connections, each holding "
            + Fmt.duration(s.hold())
            + ").");
    figures.add(page.figure(done, ""));

    Chart waiting = Chart.lines("Borrowers waiting for a connection", "seconds", "borrowers");
    for (LoadTestResult r : results) {
      waiting.series(r.title(), Palette.pool(r.name()), r.timeline().get("t"), r.timeline().get("waiting"), "line");
    }
    figures.add(page.figure(waiting, ""));

    Chart connects =
        Chart.bars("Physical connections: created (dial) vs borrows that reused one", List.of("created", "reused"), "count")
            .logY();
    for (LoadTestResult r : results) {
      connects.bars(r.title(), Palette.pool(r.name()), List.of((double) Math.max(r.created(), 1), (double) Math.max(r.reused(), 1)));
    }
    connects.note("Physical connects against reuses (mgo's \"104 dials, 3,989 reuses\"): counted by a JDBC driver in front of the real one.");
    figures.add(page.figure(connects, ""));
    return figures;
  }

  private static Map<String, Object> verdict(LoadTestResult r) {
    String color = Palette.pool(r.name());
    if (r.exceededMax()) {
      return HtmlPage.verdict(
          "bad",
          color,
          r.title() + ": the limit did not hold.",
          " The server counted "
              + r.peakServerConnections()
              + " connections for a pool of at most "
              + r.maxSize()
              + ".");
    }
    String cls = r.timeouts() > 0 || r.errors() > 0 ? "warn" : "good";
    String headline =
        r.title()
            + ": "
            + (r.peakServerConnections() < 0
                ? "limit not checked"
                : "limit held (peak " + r.peakServerConnections() + " of " + r.maxSize() + ")")
            + ".";
    String detail =
        " "
            + Fmt.count(r.borrowed())
            + " of "
            + Fmt.count(r.borrowers())
            + " borrowers served in "
            + Fmt.seconds(r.wallSeconds())
            + " ("
            + Fmt.percent(r.efficiency())
            + " of ideal), "
            + Fmt.count(r.timeouts())
            + " timeouts, "
            + Fmt.count(r.errors())
            + " errors.";
    return HtmlPage.verdict(cls, color, headline, detail);
  }

  private static ComparisonTable<LoadTestResult> table(
      List<LoadTestResult> results, LoadTestSettings s) {
    ComparisonTable<LoadTestResult> t =
        ComparisonTable.of(results, LoadTestResult::title, r -> Palette.pool(r.name()))
            .row(
                "Peak server-side connections / max",
                r ->
                    cell(
                        (r.peakServerConnections() < 0
                                ? "n/a"
                                : Integer.toString(r.peakServerConnections()))
                            + " / "
                            + r.maxSize(),
                        r.exceededMax() ? "bad" : r.peakServerConnections() < 0 ? "" : "good"))
            .row("Wall time", r -> cell(Fmt.seconds(r.wallSeconds()), ""))
            .row("Ideal wall time", r -> cell(Fmt.seconds(r.idealSeconds()), ""))
            .row(
                "Throughput (of ideal)",
                r -> cell(Fmt.rate(r.throughput()) + " (" + Fmt.percent(r.efficiency()) + ")", ""))
            .row("Acquire wait p50", r -> cell(Fmt.nanos(r.waitP50Nanos()), ""))
            .row("Acquire wait p99", r -> cell(Fmt.nanos(r.waitP99Nanos()), ""))
            .row("Acquire wait max", r -> cell(Fmt.nanos(r.waitMaxNanos()), ""))
            .row("Borrowers served", r -> cell(Fmt.count(r.borrowed()), ""))
            .row("Timeouts", r -> cell(Fmt.count(r.timeouts()), r.timeouts() > 0 ? "bad" : ""))
            .row("Errors", r -> cell(Fmt.count(r.errors()), r.errors() > 0 ? "bad" : ""));
    if (s.leakRate() > 0) {
      t.row("Leaks made", r -> cell(Fmt.count(r.leaksMade()), ""))
          .row("Leaks reported", r -> cell(Fmt.count(r.leaks().reported()), ""))
          .row(
              "Leaks reclaimed",
              r -> cell(Fmt.count(r.leaks().reclaimed()), r.leaks().reclaimed() > 0 ? "good" : ""));
    }
    return t.row("Connections created (dial)", r -> cell(Fmt.count(r.created()), ""))
        .row("Borrows that reused one", r -> cell(Fmt.count(r.reused()), ""))
        .row(
            "Still open after the pool closed",
            r -> cell(Integer.toString(r.leftOpen()), r.leftOpen() > 0 ? "warn" : ""));
  }
}
