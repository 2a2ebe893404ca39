package io.leakproof.cli.internal.loadtest;

import static io.leakproof.cli.internal.report.HtmlPage.cell;
import static io.leakproof.cli.internal.report.HtmlPage.esc;
import static io.leakproof.cli.internal.report.HtmlPage.row;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.report.Chart;
import io.leakproof.cli.internal.report.HtmlPage;
import io.leakproof.cli.internal.report.Palette;
import io.leakproof.cli.internal.term.Fmt;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes the load test's HTML report: verdicts, the table, and the charts. */
final class LoadTestHtml {
  private LoadTestHtml() {}

  static HtmlPage page(List<LoadTestResult> results, LoadTestSettings s) {
    HtmlPage page = new HtmlPage("Leakproof load test");
    page.html(
        "<header class=\"top\"><h1>Leakproof load test</h1><span class=\"badge\">"
            + esc(ZonedDateTime.now(java.time.ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
            + "</span></header>");
    page.html(
        "<p class=\"subtitle\">"
            + esc(Fmt.count(s.borrowers()))
            + " borrowers on "
            + (s.virtualThreads() ? "virtual" : "platform")
            + " threads start together; each borrows a connection, holds it "
            + esc(Fmt.duration(s.hold()))
            + (s.serverSideHold() ? " with a server-side sleep" : " (client-side sleep)")
            + " and returns it"
            + (s.leakRate() > 0
                ? " — or, for " + esc(Fmt.percent(s.leakRate())) + " of them, drops it unclosed"
                : "")
            + ". Pool max "
            + s.maxSize()
            + ", acquire timeout "
            + esc(Fmt.duration(s.acquireTimeout()))
            + ". Database: <code>"
            + esc(Secrets.maskUrl(s.url()))
            + "</code>.</p>");
    page.html("<div class=\"verdicts\">");
    for (LoadTestResult r : results) {
      page.html(verdict(r));
    }
    page.html("</div>");

    page.html("<h2>Results</h2>");
    page.html(table(results, s));

    page.html("<h2>Charts</h2><div class=\"charts\">");
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
    page.chart(server, "wide");

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
    page.chart(waits, "");

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
    page.chart(done, "");

    Chart waiting = Chart.lines("Borrowers waiting for a connection", "seconds", "borrowers");
    for (LoadTestResult r : results) {
      waiting.series(r.title(), Palette.pool(r.name()), r.timeline().get("t"), r.timeline().get("waiting"), "line");
    }
    page.chart(waiting, "");

    Chart connects =
        Chart.bars("Physical connections: created (dial) vs borrows that reused one", List.of("created", "reused"), "count")
            .logY();
    for (LoadTestResult r : results) {
      connects.bars(r.title(), Palette.pool(r.name()), List.of((double) Math.max(r.created(), 1), (double) Math.max(r.reused(), 1)));
    }
    connects.note("Physical connects against reuses (mgo's \"104 dials, 3,989 reuses\"): counted by a JDBC driver in front of the real one.");
    page.chart(connects, "");
    page.html("</div>");
    page.html(
        "<footer>Written by <code>leakproof loadtest</code>. Each pool ran alone, one after the other,"
            + " against the same database with the same settings. Charts: Chart.js (MIT).</footer>");
    return page;
  }

  private static String verdict(LoadTestResult r) {
    String dot = "<span class=\"dot\" style=\"--pool:" + Palette.pool(r.name()) + "\"></span>";
    if (r.exceededMax()) {
      return "<div class=\"verdict bad\">"
          + dot
          + "<b>"
          + esc(r.title())
          + ": the limit did not hold.</b> The server counted "
          + r.peakServerConnections()
          + " connections for a pool of at most "
          + r.maxSize()
          + ".</div>";
    }
    String cls = r.timeouts() > 0 || r.errors() > 0 ? "warn" : "good";
    return "<div class=\"verdict "
        + cls
        + "\">"
        + dot
        + "<b>"
        + esc(r.title())
        + ": "
        + (r.peakServerConnections() < 0
            ? "limit not checked"
            : "limit held (peak " + r.peakServerConnections() + " of " + r.maxSize() + ")")
        + ".</b> "
        + esc(Fmt.count(r.borrowed()))
        + " of "
        + esc(Fmt.count(r.borrowers()))
        + " borrowers served in "
        + esc(Fmt.seconds(r.wallSeconds()))
        + " ("
        + esc(Fmt.percent(r.efficiency()))
        + " of ideal), "
        + esc(Fmt.count(r.timeouts()))
        + " timeouts, "
        + esc(Fmt.count(r.errors()))
        + " errors.</div>";
  }

  private static String table(List<LoadTestResult> results, LoadTestSettings s) {
    StringBuilder sb = new StringBuilder("<div class=\"tablebox\"><table><thead><tr><th></th>");
    for (LoadTestResult r : results) {
      sb.append("<th class=\"num\"><span class=\"dot\" style=\"--pool:")
          .append(Palette.pool(r.name()))
          .append("\"></span>")
          .append(esc(r.title()))
          .append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    row(
        sb,
        "Peak server-side connections / max",
        results,
        r ->
            cell(
                (r.peakServerConnections() < 0 ? "n/a" : Integer.toString(r.peakServerConnections()))
                    + " / "
                    + r.maxSize(),
                r.exceededMax() ? "bad" : r.peakServerConnections() < 0 ? "" : "good"));
    row(sb, "Wall time", results, r -> cell(Fmt.seconds(r.wallSeconds()), ""));
    row(sb, "Ideal wall time", results, r -> cell(Fmt.seconds(r.idealSeconds()), ""));
    row(
        sb,
        "Throughput (of ideal)",
        results,
        r -> cell(Fmt.rate(r.throughput()) + " (" + Fmt.percent(r.efficiency()) + ")", ""));
    row(sb, "Acquire wait p50", results, r -> cell(Fmt.nanos(r.waitP50Nanos()), ""));
    row(sb, "Acquire wait p99", results, r -> cell(Fmt.nanos(r.waitP99Nanos()), ""));
    row(sb, "Acquire wait max", results, r -> cell(Fmt.nanos(r.waitMaxNanos()), ""));
    row(sb, "Borrowers served", results, r -> cell(Fmt.count(r.borrowed()), ""));
    row(sb, "Timeouts", results, r -> cell(Fmt.count(r.timeouts()), r.timeouts() > 0 ? "bad" : ""));
    row(sb, "Errors", results, r -> cell(Fmt.count(r.errors()), r.errors() > 0 ? "bad" : ""));
    if (s.leakRate() > 0) {
      row(sb, "Leaks made", results, r -> cell(Fmt.count(r.leaksMade()), ""));
      row(sb, "Leaks reported", results, r -> cell(Fmt.count(r.leaks().reported()), ""));
      row(
          sb,
          "Leaks reclaimed",
          results,
          r -> cell(Fmt.count(r.leaks().reclaimed()), r.leaks().reclaimed() > 0 ? "good" : ""));
    }
    row(sb, "Connections created (dial)", results, r -> cell(Fmt.count(r.created()), ""));
    row(sb, "Borrows that reused one", results, r -> cell(Fmt.count(r.reused()), ""));
    row(
        sb,
        "Still open after the pool closed",
        results,
        r -> cell(Integer.toString(r.leftOpen()), r.leftOpen() > 0 ? "warn" : ""));
    sb.append("</tbody></table></div>");
    return sb.toString();
  }


}
