package io.leakproof.cli.internal.demo;

import static io.leakproof.cli.internal.report.ComparisonTable.cell;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.pool.LeakSite;
import io.leakproof.cli.internal.report.Chart;
import io.leakproof.cli.internal.report.ComparisonTable;
import io.leakproof.cli.internal.report.HtmlPage;
import io.leakproof.cli.internal.report.Palette;
import io.leakproof.cli.internal.term.Fmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the demo's HTML report: verdicts, the pools side by side, charts over time, leaks. The
 * page is {@code demo.mustache} beside this class; this class computes its values.
 */
final class DemoHtml {
  private static final String TEMPLATE = "/io/leakproof/cli/internal/demo/demo.mustache";

  private DemoHtml() {}

  static void write(
      Path file, List<DemoResult> results, DemoSettings s, String database, List<String> notes) {
    HtmlPage page = new HtmlPage("Leakproof demo");
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("timestamp", HtmlPage.timestamp());
    scope.put("rate", Fmt.count(s.rate()));
    scope.put("duration", Fmt.duration(s.duration()));
    scope.put("database", database);
    scope.put("maskedDatabase", Secrets.maskUrl(database));
    scope.put("max", s.maxSize());
    scope.put("acquireTimeout", Fmt.duration(s.acquireTimeout()));
    scope.put("leakEvery", s.leakEvery());
    List<Map<String, Object>> verdicts = new ArrayList<>();
    for (DemoResult r : results) {
      verdicts.add(verdict(r));
    }
    for (String note : notes) {
      verdicts.add(HtmlPage.verdict(null, null, null, note));
    }
    scope.put("verdicts", verdicts);
    scope.put("tableTitle", results.size() > 1 ? "Side by side" : "Results");
    scope.put("table", sideBySide(results).view());
    scope.put(
        "figures",
        List.of(
            page.figure(
                overTime(results, "Connections leased", "leased", "connections", false)
                    .limit("max " + s.maxSize(), s.maxSize()),
                ""),
            page.figure(
                overTime(results, "Requests waiting for a connection", "waiting", "requests", false),
                ""),
            page.figure(servedPerSecond(results), ""),
            page.figure(
                overTime(results, "Requests timed out (total)", "timeouts", "requests", true), ""),
            page.figure(leaksOverTime(results), "wide")));
    List<Map<String, Object>> cards = new ArrayList<>();
    for (DemoResult r : results) {
      cards.add(card(r));
    }
    scope.put("cards", cards);
    page.writeTo(file, TEMPLATE, scope);
  }

  private static Map<String, Object> verdict(DemoResult r) {
    String color = Palette.pool(r.name());
    if (r.timeouts() == 0) {
      String why =
          r.leaks().reclaimed() > 0
              ? Fmt.count(r.leaks().reclaimed()) + " leaked connections were reclaimed"
              : Fmt.count(r.leaksMade()) + " leaks, and the pool did not run out";
      return HtmlPage.verdict("good", color, r.title() + ": no request timed out.", " " + why + ".");
    }
    String detail =
        (r.firstTimeoutSeconds() >= 0
                ? ", the first " + Fmt.seconds(r.firstTimeoutSeconds()) + " in"
                : "")
            + ". "
            + (r.leaks().reclaimed() == 0
                ? "Leaked connections filled the pool and it never took them back: "
                    + Fmt.count(r.leaks().reported())
                    + " leaks reported, none reclaimed."
                : Fmt.count(r.leaks().reclaimed()) + " leaks reclaimed, not enough.");
    return HtmlPage.verdict(
        "bad", color, r.title() + ": " + Fmt.count(r.timeouts()) + " requests timed out", detail);
  }

  private static ComparisonTable<DemoResult> sideBySide(List<DemoResult> results) {
    return ComparisonTable.of(results, DemoResult::title, r -> Palette.pool(r.name()))
        .row("Requests served", r -> cell(Fmt.count(r.ok()), ""))
        .row(
            "Timed out waiting for a connection",
            r -> cell(Fmt.count(r.timeouts()), r.timeouts() > 0 ? "bad" : "good"))
        .row("Failed in the shop's own code", r -> cell(Fmt.count(r.failed()), ""))
        .row("Throughput", r -> cell(Fmt.rate(r.throughput()), ""))
        .row("Acquire wait p50", r -> cell(Fmt.nanos(r.waitP50Nanos()), ""))
        .row("Acquire wait p99", r -> cell(Fmt.nanos(r.waitP99Nanos()), ""))
        .row(
            "Exhausted for",
            r -> cell(Fmt.seconds(r.exhaustedSeconds()), r.exhaustedSeconds() > 0 ? "bad" : ""))
        .row(
            "First timeout at",
            r ->
                cell(
                    r.firstTimeoutSeconds() < 0 ? "never" : Fmt.seconds(r.firstTimeoutSeconds()),
                    ""))
        .row("Peak leased / max", r -> cell(r.peakLeased() + " / " + r.maxSize(), ""))
        .row(
            "Peak server sessions",
            r ->
                cell(
                    r.peakServerSessions() < 0 ? "–" : Integer.toString(r.peakServerSessions()),
                    r.peakServerSessions() > r.maxSize() ? "warn" : ""))
        .row("Leaks made by the shop", r -> cell(Fmt.count(r.leaksMade()), ""))
        .row("Leaks reported by the pool", r -> cell(Fmt.count(r.leaks().reported()), ""))
        .row(
            "Leaks reclaimed by the pool",
            r -> cell(Fmt.count(r.leaks().reclaimed()), r.leaks().reclaimed() > 0 ? "good" : ""))
        .row(
            "Still open when the pool closed",
            r -> cell(Integer.toString(r.leftOpen()), r.leftOpen() > 0 ? "warn" : ""));
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

  private static Map<String, Object> card(DemoResult r) {
    Map<String, Object> card = new HashMap<>();
    card.put("color", Palette.pool(r.name()));
    card.put("title", r.title());
    card.put("policy", r.leakPolicy());
    card.put(
        "kpis",
        List.of(
            kpi(Fmt.count(r.ok()), "requests served", ""),
            kpi(Fmt.count(r.timeouts()), "timed out", r.timeouts() > 0 ? "bad" : "good"),
            kpi(Fmt.nanos(r.waitP99Nanos()), "acquire wait p99", ""),
            kpi(
                Fmt.count(r.leaks().reported()),
                "leaks reported",
                r.leaks().reported() > 0 ? "warn" : ""),
            kpi(
                Fmt.count(r.leaks().reclaimed()),
                "leaks reclaimed",
                r.leaks().reclaimed() > 0 ? "good" : ""),
            kpi(
                Fmt.seconds(r.exhaustedSeconds()),
                "exhausted",
                r.exhaustedSeconds() > 0 ? "bad" : "")));
    List<Map<String, Object>> sites = new ArrayList<>();
    for (LeakSite s : r.leaks().sites()) {
      Map<String, Object> site = new HashMap<>();
      site.put("parts", breakable(s.callSite()));
      String bug = Traffic.bugAt(s.callSite());
      site.put("bug", bug.isEmpty() ? null : bug);
      site.put("reported", Fmt.count(s.reported()));
      site.put("reclaimed", Fmt.count(s.reclaimed()));
      sites.add(site);
    }
    card.put("sites", sites);
    card.put("hasSites", !sites.isEmpty());
    return card;
  }

  /** A call site in parts, each after the first to be preceded by a line-break opportunity. */
  private static List<Map<String, Object>> breakable(String callSite) {
    List<Map<String, Object>> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= callSite.length(); i++) {
      if (i == callSite.length() || callSite.charAt(i) == '(') {
        Map<String, Object> part = new HashMap<>();
        part.put("text", callSite.substring(start, i));
        part.put("wbr", start > 0);
        parts.add(part);
        start = i;
      }
    }
    return parts;
  }

  private static Map<String, Object> kpi(String value, String label, String cls) {
    Map<String, Object> k = new HashMap<>();
    k.put("value", value);
    k.put("label", label);
    k.put("cls", cls);
    return k;
  }
}
