package io.leakproof.cli.internal.demo;

import static io.leakproof.cli.internal.report.HtmlPage.cell;
import static io.leakproof.cli.internal.report.HtmlPage.esc;
import static io.leakproof.cli.internal.report.HtmlPage.row;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.pool.LeakSite;
import io.leakproof.cli.internal.report.Chart;
import io.leakproof.cli.internal.report.HtmlPage;
import io.leakproof.cli.internal.report.Palette;
import io.leakproof.cli.internal.term.Fmt;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes the demo's HTML report: verdicts, the pools side by side, charts over time, leaks. */
final class DemoHtml {
  private DemoHtml() {}

  static HtmlPage page(
      List<DemoResult> results, DemoSettings s, String database, List<String> notes) {
    HtmlPage page = new HtmlPage("Leakproof demo");
    page.html(
        "<header class=\"top\"><h1>Leakproof demo</h1><span class=\"badge\">"
            + esc(ZonedDateTime.now(java.time.ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
            + "</span></header>");
    page.html(
        "<p class=\"subtitle\">A web shop whose code leaks connections in four places, "
            + esc(Fmt.count(s.rate()))
            + " requests/s for "
            + esc(Fmt.duration(s.duration()))
            + " on virtual threads, on "
            + esc(database)
            + ". Every pool gets the same requests: max "
            + s.maxSize()
            + " connections, acquire timeout "
            + esc(Fmt.duration(s.acquireTimeout()))
            + ", one request in "
            + s.leakEvery()
            + " takes a leaking path.</p>");
    page.html("<div class=\"verdicts\">");
    for (DemoResult r : results) {
      page.html(verdict(r));
    }
    for (String note : notes) {
      page.html("<div class=\"verdict\">" + esc(note) + "</div>");
    }
    page.html("</div>");

    page.html(results.size() > 1 ? "<h2>Side by side</h2>" : "<h2>Results</h2>");
    page.html(sideBySide(results));

    page.html("<h2>Over time</h2><div class=\"charts\">");
    page.chart(
        overTime(results, "Connections leased", "leased", "connections", false)
            .limit("max " + s.maxSize(), s.maxSize()),
        "");
    page.chart(overTime(results, "Requests waiting for a connection", "waiting", "requests", false), "");
    page.chart(servedPerSecond(results), "");
    page.chart(overTime(results, "Requests timed out (total)", "timeouts", "requests", true), "");
    page.chart(leaksOverTime(results), "wide");
    page.html("</div>");

    page.html("<h2>Each pool</h2><div class=\"cards\">");
    for (DemoResult r : results) {
      page.html(card(r));
    }
    page.html("</div>");
    page.html(
        "<footer>Written by <code>leakproof demo</code>. Database: "
            + esc(Secrets.maskUrl(database))
            + ". The shop's source is in <code>leakproof-cli/src/main/java/com/example/shop</code>;"
            + " each leak is marked <code>BUG (deliberate)</code>. Charts: Chart.js (MIT).</footer>");
    return page;
  }

  private static String verdict(DemoResult r) {
    String dot = "<span class=\"dot\" style=\"--pool:" + Palette.pool(r.name()) + "\"></span>";
    if (r.timeouts() == 0) {
      String why =
          r.leaks().reclaimed() > 0
              ? Fmt.count(r.leaks().reclaimed()) + " leaked connections were reclaimed"
              : Fmt.count(r.leaksMade()) + " leaks, and the pool did not run out";
      return "<div class=\"verdict good\">"
          + dot
          + "<b>"
          + esc(r.title())
          + ": no request timed out.</b> "
          + esc(why)
          + ".</div>";
    }
    return "<div class=\"verdict bad\">"
        + dot
        + "<b>"
        + esc(r.title())
        + ": "
        + esc(Fmt.count(r.timeouts()))
        + " requests timed out</b>"
        + (r.firstTimeoutSeconds() >= 0
            ? ", the first " + esc(Fmt.seconds(r.firstTimeoutSeconds())) + " in"
            : "")
        + ". "
        + (r.leaks().reclaimed() == 0
            ? "Leaked connections filled the pool and it never took them back: "
                + esc(Fmt.count(r.leaks().reported()))
                + " leaks reported, none reclaimed."
            : esc(Fmt.count(r.leaks().reclaimed())) + " leaks reclaimed, not enough.")
        + "</div>";
  }

  private static String sideBySide(List<DemoResult> results) {
    StringBuilder sb = new StringBuilder("<div class=\"tablebox\"><table><thead><tr><th></th>");
    for (DemoResult r : results) {
      sb.append("<th class=\"num\"><span class=\"dot\" style=\"--pool:")
          .append(Palette.pool(r.name()))
          .append("\"></span>")
          .append(esc(r.title()))
          .append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    row(sb, "Requests served", results, r -> cell(Fmt.count(r.ok()), ""));
    row(
        sb,
        "Timed out waiting for a connection",
        results,
        r -> cell(Fmt.count(r.timeouts()), r.timeouts() > 0 ? "bad" : "good"));
    row(sb, "Failed in the shop's own code", results, r -> cell(Fmt.count(r.failed()), ""));
    row(sb, "Throughput", results, r -> cell(Fmt.rate(r.throughput()), ""));
    row(sb, "Acquire wait p50", results, r -> cell(Fmt.nanos(r.waitP50Nanos()), ""));
    row(sb, "Acquire wait p99", results, r -> cell(Fmt.nanos(r.waitP99Nanos()), ""));
    row(
        sb,
        "Exhausted for",
        results,
        r -> cell(Fmt.seconds(r.exhaustedSeconds()), r.exhaustedSeconds() > 0 ? "bad" : ""));
    row(
        sb,
        "First timeout at",
        results,
        r -> cell(r.firstTimeoutSeconds() < 0 ? "never" : Fmt.seconds(r.firstTimeoutSeconds()), ""));
    row(sb, "Peak leased / max", results, r -> cell(r.peakLeased() + " / " + r.maxSize(), ""));
    row(
        sb,
        "Peak server sessions",
        results,
        r ->
            cell(
                r.peakServerSessions() < 0 ? "–" : Integer.toString(r.peakServerSessions()),
                r.peakServerSessions() > r.maxSize() ? "warn" : ""));
    row(sb, "Leaks made by the shop", results, r -> cell(Fmt.count(r.leaksMade()), ""));
    row(sb, "Leaks reported by the pool", results, r -> cell(Fmt.count(r.leaks().reported()), ""));
    row(
        sb,
        "Leaks reclaimed by the pool",
        results,
        r -> cell(Fmt.count(r.leaks().reclaimed()), r.leaks().reclaimed() > 0 ? "good" : ""));
    row(
        sb,
        "Still open when the pool closed",
        results,
        r -> cell(Integer.toString(r.leftOpen()), r.leftOpen() > 0 ? "warn" : ""));
    sb.append("</tbody></table></div>");
    return sb.toString();
  }



  private static Chart overTime(
      List<DemoResult> results, String title, String series, String unit, boolean step) {
    Chart c = Chart.lines(title, "seconds", unit);
    for (DemoResult r : results) {
      c.series(
          r.title(),
          Palette.pool(r.name()),
          r.timeline().get("t"),
          r.timeline().get(series),
          step ? "step" : "line");
    }
    return c;
  }

  private static Chart servedPerSecond(List<DemoResult> results) {
    Chart c = Chart.lines("Requests served per second", "seconds", "requests/s");
    for (DemoResult r : results) {
      double[] t = r.timeline().get("t");
      double[] ok = r.timeline().get("ok");
      double[] rate = new double[t.length];
      for (int i = 1; i < t.length; i++) {
        double dt = t[i] - t[i - 1];
        rate[i] = dt <= 0 ? 0 : (ok[i] - ok[i - 1]) / dt;
      }
      // Smooth over 5 samples (1 s): the raw 200 ms rate is jagged.
      double[] smooth = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        double sum = 0;
        int n = 0;
        for (int j = Math.max(1, i - 4); j <= i; j++) {
          sum += rate[j];
          n++;
        }
        smooth[i] = n == 0 ? 0 : sum / n;
      }
      c.series(r.title(), Palette.pool(r.name()), t, smooth, "line");
    }
    return c;
  }

  private static Chart leaksOverTime(List<DemoResult> results) {
    Chart c =
        Chart.lines("Leaks reported (dashed) and reclaimed (solid) by the pool", "seconds", "leaks");
    for (DemoResult r : results) {
      String color = Palette.pool(r.name());
      c.series(r.title() + " reported", color, r.timeline().get("t"), r.timeline().get("reported"), "dashed");
      c.series(r.title() + " reclaimed", color, r.timeline().get("t"), r.timeline().get("reclaimed"), "step");
    }
    return c.note(
        "A pool reports a leak when it notices it: HikariCP and Agroal after their leak threshold,"
            + " DBCP2 when it removes an abandoned connection, Leakproof when the garbage collector"
            + " proves the lease unreachable.");
  }

  private static String card(DemoResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("<section class=\"card\" style=\"--pool:")
        .append(Palette.pool(r.name()))
        .append("\"><h3>")
        .append(esc(r.title()))
        .append("</h3><p class=\"policy\">")
        .append(esc(r.leakPolicy()))
        .append("</p><div class=\"kpis\">");
    kpi(sb, Fmt.count(r.ok()), "requests served", "");
    kpi(sb, Fmt.count(r.timeouts()), "timed out", r.timeouts() > 0 ? "bad" : "good");
    kpi(sb, Fmt.nanos(r.waitP99Nanos()), "acquire wait p99", "");
    kpi(sb, Fmt.count(r.leaks().reported()), "leaks reported", r.leaks().reported() > 0 ? "warn" : "");
    kpi(sb, Fmt.count(r.leaks().reclaimed()), "leaks reclaimed", r.leaks().reclaimed() > 0 ? "good" : "");
    kpi(sb, Fmt.seconds(r.exhaustedSeconds()), "exhausted", r.exhaustedSeconds() > 0 ? "bad" : "");
    sb.append("</div>");
    if (r.leaks().sites().isEmpty()) {
      sb.append("<p class=\"muted\">No leak reported.</p>");
    } else {
      sb.append(
          "<table><thead><tr><th>Leaked at</th><th class=\"num\">reported</th>"
              + "<th class=\"num\">reclaimed</th></tr></thead><tbody>");
      for (LeakSite s : r.leaks().sites()) {
        String bug = Traffic.bugAt(s.callSite());
        sb.append("<tr><td><div class=\"site\">")
            .append(esc(s.callSite()).replace("(", "<wbr>("))
            .append("</div>")
            .append(bug.isEmpty() ? "" : "<div class=\"bug\">" + esc(bug) + "</div>")
            .append("</td><td class=\"num\">")
            .append(Fmt.count(s.reported()))
            .append("</td><td class=\"num\">")
            .append(Fmt.count(s.reclaimed()))
            .append("</td></tr>");
      }
      sb.append("</tbody></table>");
    }
    sb.append("</section>");
    return sb.toString();
  }

  private static void kpi(StringBuilder sb, String value, String label, String cls) {
    sb.append("<div class=\"kpi ")
        .append(cls)
        .append("\"><div class=\"v\">")
        .append(esc(value))
        .append("</div><div class=\"l\">")
        .append(esc(label))
        .append("</div></div>");
  }
}
