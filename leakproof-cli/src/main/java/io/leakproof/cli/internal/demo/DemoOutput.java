package io.leakproof.cli.internal.demo;

import io.leakproof.cli.internal.pool.LeakSite;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.internal.term.TextTable;
import java.io.PrintWriter;
import java.util.List;

/** Prints the demo's results on the terminal. */
final class DemoOutput {
  private final Terminal t;

  DemoOutput(Terminal terminal) {
    this.t = terminal;
  }

  /** Prints one pool's result. */
  void pool(DemoResult r) {
    PrintWriter out = t.out();
    out.println();
    out.println("  " + t.bold(r.title()) + t.dim(" · " + r.leakPolicy()));
    out.println();
    String timedOut = Fmt.count(r.timeouts()) + " timed out";
    line(
        "requests",
        Fmt.count(r.requests())
            + " in "
            + Fmt.seconds(r.seconds())
            + " · "
            + Fmt.count(r.ok())
            + " ok · "
            + Fmt.count(r.failed())
            + " failed in the shop's own code · "
            + (r.timeouts() > 0 ? t.red(timedOut) : t.green(timedOut))
            + (r.otherErrors() > 0 ? " · " + t.red(Fmt.count(r.otherErrors()) + " other errors") : ""));
    line("throughput", Fmt.rate(r.throughput()) + " served");
    line(
        "acquire wait",
        "p50 "
            + Fmt.nanos(r.waitP50Nanos())
            + " · p99 "
            + Fmt.nanos(r.waitP99Nanos())
            + " · max "
            + Fmt.nanos(r.waitMaxNanos()));
    String exhausted =
        r.exhaustedSeconds() > 0
            ? t.red("exhausted for " + Fmt.seconds(r.exhaustedSeconds()))
            : "never exhausted";
    line(
        "pool",
        "max "
            + r.maxSize()
            + " · peak leased "
            + r.peakLeased()
            + " · "
            + exhausted
            + (r.firstTimeoutSeconds() >= 0
                ? " · first timeout at " + Fmt.seconds(r.firstTimeoutSeconds())
                : ""));
    if (r.peakServerSessions() > r.maxSize()) {
      line(
          "server",
          t.yellow("peak " + r.peakServerSessions() + " sessions, more than max " + r.maxSize())
              + t.dim(": connections the pool gave up on stayed open on the server"));
    } else if (r.peakServerSessions() >= 0) {
      line("server", "peak " + r.peakServerSessions() + " sessions (counted by the database)");
    }
    String reclaimed = Fmt.count(r.leaks().reclaimed()) + " reclaimed";
    line(
        "leaks",
        Fmt.count(r.leaksMade())
            + " made by the shop · "
            + Fmt.count(r.leaks().reported())
            + " reported by the pool · "
            + (r.leaks().reclaimed() > 0 ? t.green(reclaimed) : reclaimed));
    if (r.leftOpen() > 0) {
      line(
          "left open",
          t.yellow(
              r.leftOpen()
                  + " connection"
                  + (r.leftOpen() == 1 ? " was" : "s were")
                  + " still open after the pool closed (closed by the demo)"));
    }
    List<LeakSite> sites = r.leaks().sites();
    if (!sites.isEmpty()) {
      out.println();
      TextTable table = new TextTable("Leaks by call site", "reported", "reclaimed");
      for (LeakSite s : sites) {
        table.row(s.callSite(), Fmt.count(s.reported()), Fmt.count(s.reclaimed()));
        String bug = Traffic.bugAt(s.callSite());
        if (!bug.isEmpty()) {
          table.row(t.dim("  ↳ " + bug));
        }
      }
      out.print(table.render(t, 4));
    }
    out.println();
    out.println("    " + verdict(r));
    out.flush();
  }

  private String verdict(DemoResult r) {
    if (r.timeouts() == 0 && r.otherErrors() == 0) {
      String why =
          r.leaks().reclaimed() > 0
              ? Fmt.count(r.leaks().reclaimed()) + " leaked connections were reclaimed"
              : r.leaksMade() < r.maxSize()
                  ? "only " + r.leaksMade() + " leaks, fewer than the pool's " + r.maxSize()
                  : "the pool kept up";
      return t.green("✓ no request timed out") + " — " + why + ".";
    }
    if (r.timeouts() == 0) {
      return t.yellow("! no request timed out, but " + Fmt.count(r.otherErrors()) + " failed otherwise.");
    }
    String at =
        r.firstTimeoutSeconds() >= 0 ? ", the first " + Fmt.seconds(r.firstTimeoutSeconds()) + " in" : "";
    String why =
        r.leaks().reclaimed() == 0
            ? ": leaked connections filled the pool (max "
                + r.maxSize()
                + ") and it never took them back."
            : ": " + Fmt.count(r.leaks().reclaimed()) + " leaks were reclaimed, not soon enough.";
    return t.red("✗ " + Fmt.count(r.timeouts()) + " requests timed out waiting for a connection")
        + at
        + ":\n      "
        + why.substring(2);
  }

  private void line(String label, String value) {
    t.out().println("    " + t.dim(Terminal.fmt("%-13s", label)) + value);
  }

  /** Prints the pools side by side. */
  void sideBySide(List<DemoResult> results) {
    if (results.size() < 2) {
      return;
    }
    PrintWriter out = t.out();
    out.println();
    out.println("  " + t.bold("Side by side") + t.dim(" (same requests, same leaks, same settings)"));
    out.println();
    String[] header = new String[results.size() + 1];
    header[0] = "";
    for (int i = 0; i < results.size(); i++) {
      header[i + 1] = results.get(i).title();
    }
    TextTable table = new TextTable(header);
    table.row(cells("requests served", results, r -> Fmt.count(r.ok())));
    table.row(cells("timed out", results, r -> r.timeouts() > 0 ? t.red(Fmt.count(r.timeouts())) : t.green("0")));
    table.row(cells("throughput", results, r -> Fmt.rate(r.throughput())));
    table.row(cells("acquire wait p99", results, r -> Fmt.nanos(r.waitP99Nanos())));
    table.row(cells("exhausted for", results, r -> Fmt.seconds(r.exhaustedSeconds())));
    table.row(
        cells(
            "first timeout at",
            results,
            r -> r.firstTimeoutSeconds() < 0 ? "never" : Fmt.seconds(r.firstTimeoutSeconds())));
    table.row(cells("leaks made", results, r -> Fmt.count(r.leaksMade())));
    table.row(cells("leaks reported", results, r -> Fmt.count(r.leaks().reported())));
    table.row(cells("leaks reclaimed", results, r -> Fmt.count(r.leaks().reclaimed())));
    table.row(cells("left open at close", results, r -> Integer.toString(r.leftOpen())));
    out.print(table.render(t, 4));
    out.flush();
  }

  private static String[] cells(
      String label, List<DemoResult> results, java.util.function.Function<DemoResult, String> f) {
    String[] row = new String[results.size() + 1];
    row[0] = label;
    for (int i = 0; i < results.size(); i++) {
      row[i + 1] = f.apply(results.get(i));
    }
    return row;
  }
}
