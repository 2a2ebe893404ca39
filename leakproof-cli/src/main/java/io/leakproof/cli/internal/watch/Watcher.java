package io.leakproof.cli.internal.watch;

import io.leakproof.cli.internal.CliException;
import io.leakproof.cli.internal.report.Json;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.internal.term.TextTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code leakproof watch}: samples a process's sockets every interval, shows them by endpoint
 * and state (a table redrawn in place on a terminal, or one JSON object per line), and flags an
 * endpoint whose socket count keeps growing ({@link Trend}) or whose CLOSE_WAIT sockets pile up.
 *
 * <p>Not thread-safe: {@link #run()} runs the whole watch on the calling thread.
 */
public final class Watcher {
  /** The series of all the process's TCP sockets, watched for growth like an endpoint. */
  private static final String ALL_SOCKETS = "all sockets";

  /** Rows shown in the table; the rest are summed up in one line. */
  private static final int MAX_ROWS = 15;

  private final ProcReader reader;
  private final WatchSettings s;
  private final Terminal t;
  private final Endpoints endpoints = new Endpoints();
  private final Trend trend;
  private final Map<String, Integer> closeWaitStreak = new HashMap<>();
  private final Set<String> flagged = new LinkedHashSet<>();
  private final List<String> alerts = new ArrayList<>();
  private int linesDrawn;

  /**
   * Prepares a watch.
   *
   * @param reader reads {@code /proc}
   * @param settings what to watch
   * @param terminal where to show it
   */
  public Watcher(ProcReader reader, WatchSettings settings, Terminal terminal) {
    this.reader = reader;
    this.s = settings;
    this.t = terminal;
    this.trend = new Trend(settings.window(), settings.minGrowth());
  }

  /**
   * Watches until the duration ends, the process exits, or (with {@code --fail-on-growth}) the
   * first growth.
   *
   * @return the exit code: 0, or {@link WatchSettings#EXIT_GROWTH}
   * @throws CliException if the process does not exist or cannot be read
   */
  public int run() {
    ProcReader.Snapshot first;
    try {
      first = reader.read(s.pid());
    } catch (ProcReader.ProcessGoneException e) {
      throw new CliException("no process with pid " + s.pid() + " (is it running?)");
    }
    if (!s.json()) {
      t.out().println();
      t.out().println(
          "  "
              + t.bold("Watching pid " + s.pid() + " (" + first.command() + ")")
              + t.dim(
                  " every "
                      + Fmt.duration(s.interval())
                      + (s.duration().isZero() ? "" : " for " + Fmt.duration(s.duration()))
                      + " · growth: +"
                      + s.minGrowth()
                      + " sockets over "
                      + s.window()
                      + " samples · CLOSE_WAIT pile-up: "
                      + s.closeWaitThreshold()
                      + "+"));
      t.out().println();
      t.out().flush();
    }
    long start = System.nanoTime();
    long intervalNanos = s.interval().toNanos();
    ProcReader.Snapshot snapshot = first;
    int sample = 0;
    Map<String, Endpoints.Group> groups = Map.of();
    String ended = null;
    while (true) {
      sample++;
      double seconds = (System.nanoTime() - start) / 1e9;
      groups = endpoints.group(snapshot);
      List<String> fresh = analyse(groups, seconds);
      if (s.json()) {
        t.out().println(Json.write(jsonSample(snapshot, groups, seconds, fresh)));
      } else {
        draw(snapshot, groups, seconds, sample, fresh);
      }
      t.out().flush();
      if (s.failOnGrowth() && !flagged.isEmpty()) {
        ended = "stopped at the first finding (--fail-on-growth)";
        break;
      }
      long next = start + sample * intervalNanos;
      if (!s.duration().isZero() && next - start > s.duration().toNanos()) {
        break;
      }
      sleepUntil(next);
      try {
        snapshot = reader.read(s.pid());
      } catch (ProcReader.ProcessGoneException e) {
        ended = "process " + s.pid() + " exited";
        break;
      }
    }
    summary(groups, ended);
    return s.failOnGrowth() && !flagged.isEmpty() ? WatchSettings.EXIT_GROWTH : 0;
  }

  /** Updates trends; returns the alerts raised by this sample. */
  private List<String> analyse(Map<String, Endpoints.Group> groups, double seconds) {
    Set<String> keys = new LinkedHashSet<>();
    for (String k : trend.keys()) {
      keys.add(k);
    }
    keys.addAll(groups.keySet());
    int all = 0;
    trend.sample(seconds);
    for (String key : keys) {
      if (key.startsWith(Endpoints.LISTENING) || key.equals(ALL_SOCKETS)) {
        continue;
      }
      Endpoints.Group g = groups.get(key);
      int owned = g == null ? 0 : g.owned;
      all += owned;
      trend.add(key, owned);
    }
    trend.add(ALL_SOCKETS, all);
    trend.prune();
    List<String> fresh = new ArrayList<>();
    for (String key : keys) {
      if (key.startsWith(Endpoints.LISTENING) || key.equals(ALL_SOCKETS)) {
        continue;
      }
      if (trend.growing(key) && flagged.add("growth " + key)) {
        int[] range = trend.range(key);
        fresh.add(
            Terminal.fmt(
                "%.1f s: %s keeps growing: %d → %d sockets in %d samples (%+.0f/min)."
                    + " Opened and never closed?",
                seconds,
                key,
                range[0],
                range[1],
                s.window(),
                trend.slopePerMinute(key)));
      }
      Endpoints.Group g = groups.get(key);
      int closeWait = g == null ? 0 : g.count(TcpState.CLOSE_WAIT);
      int streak = closeWait >= s.closeWaitThreshold() ? closeWaitStreak.merge(key, 1, Integer::sum) : 0;
      if (streak == 0) {
        closeWaitStreak.remove(key);
      }
      if (streak >= 2 && flagged.add("close-wait " + key)) {
        fresh.add(
            Terminal.fmt(
                "%.1f s: %s has %d sockets in CLOSE_WAIT: the peer closed them and this process never"
                    + " did (a connection or response body nobody closes).",
                seconds,
                key,
                closeWait));
      }
    }
    boolean endpointGrowing = flagged.stream().anyMatch(f -> f.startsWith("growth "));
    if (!endpointGrowing && trend.growing(ALL_SOCKETS) && flagged.add("growth " + ALL_SOCKETS)) {
      int[] range = trend.range(ALL_SOCKETS);
      fresh.add(
          Terminal.fmt(
              "%.1f s: the process's TCP sockets keep growing across endpoints: %d → %d in %d"
                  + " samples (%+.0f/min).",
              seconds,
              range[0],
              range[1],
              s.window(),
              trend.slopePerMinute(ALL_SOCKETS)));
    }
    alerts.addAll(fresh);
    return fresh;
  }

  private List<Map.Entry<String, Endpoints.Group>> sorted(Map<String, Endpoints.Group> groups) {
    List<Map.Entry<String, Endpoints.Group>> rows = new ArrayList<>(groups.entrySet());
    rows.sort(
        Comparator.comparing((Map.Entry<String, Endpoints.Group> e) -> e.getKey().startsWith(Endpoints.LISTENING))
            .thenComparingInt(e -> -(e.getValue().owned + e.getValue().timeWait))
            .thenComparing(Map.Entry::getKey));
    return rows;
  }

  private String table(Map<String, Endpoints.Group> groups) {
    TextTable table =
        new TextTable("endpoint", "sockets", "ESTABLISHED", "CLOSE_WAIT", "other", "TIME_WAIT*", "trend", "");
    table.leftAlign(7);
    List<Map.Entry<String, Endpoints.Group>> rows = sorted(groups);
    int shown = 0;
    int hiddenSockets = 0;
    for (Map.Entry<String, Endpoints.Group> e : rows) {
      Endpoints.Group g = e.getValue();
      if (shown >= MAX_ROWS) {
        hiddenSockets += g.owned;
        continue;
      }
      shown++;
      String key = e.getKey();
      int est = g.count(TcpState.ESTABLISHED);
      int cw = g.count(TcpState.CLOSE_WAIT);
      int other = g.owned - est - cw;
      boolean listening = key.startsWith(Endpoints.LISTENING);
      String flag = "";
      if (flagged.contains("growth " + key) && trend.growing(key)) {
        flag = t.red("▲ growing");
      } else if (flagged.contains("growth " + key)) {
        flag = t.yellow("grew");
      }
      if (cw >= s.closeWaitThreshold()) {
        flag = (flag.isEmpty() ? "" : flag + " ") + t.red("CLOSE_WAIT pile-up");
      }
      double slope = trend.slopePerMinute(key);
      table.row(
          key,
          Integer.toString(g.owned),
          Integer.toString(est),
          cw > 0 ? t.yellow(Integer.toString(cw)) : "0",
          Integer.toString(other),
          Integer.toString(g.timeWait),
          listening ? "" : Terminal.fmt("%+.0f/min", slope),
          flag);
    }
    String text = rows.isEmpty() ? t.dim("    (no TCP sockets)\n") : table.render(t, 4);
    if (shown < rows.size()) {
      text += t.dim("    … " + (rows.size() - shown) + " more endpoints, " + hiddenSockets + " sockets\n");
    }
    return text;
  }

  private void draw(
      ProcReader.Snapshot snap,
      Map<String, Endpoints.Group> groups,
      double seconds,
      int sample,
      List<String> fresh) {
    PrintWriter out = t.out();
    int tcp = 0;
    for (Endpoints.Group g : groups.values()) {
      tcp += g.owned;
    }
    String head =
        Terminal.fmt(
            "  %s · %d fds · %d sockets (%d TCP) · sample %d · %s",
            snap.command(),
            snap.fds(),
            snap.socketInodes().size(),
            tcp,
            sample,
            Fmt.seconds(seconds));
    if (t.interactive()) {
      StringBuilder frame = new StringBuilder();
      if (linesDrawn > 0) {
        frame.append("\u001b[").append(linesDrawn).append("F\u001b[J");
      }
      String body = head + "\n" + table(groups);
      frame.append(body);
      out.print(frame);
      linesDrawn = (int) body.chars().filter(c -> c == '\n').count();
      for (String alert : fresh) {
        out.print("\u001b[" + linesDrawn + "F\u001b[J");
        out.println("  " + t.red("⚠ ") + alert);
        out.print(body);
      }
    } else {
      out.println(Terminal.stripAnsi(head));
      for (String alert : fresh) {
        out.println("  ⚠ " + alert);
      }
    }
  }

  private void summary(Map<String, Endpoints.Group> groups, String ended) {
    PrintWriter out = t.out();
    if (s.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "summary");
      m.put("pid", s.pid());
      m.put("ended", ended == null ? "duration" : ended);
      m.put("flagged", !flagged.isEmpty());
      m.put("alerts", alerts);
      out.println(Json.write(m));
      out.flush();
      return;
    }
    if (!t.interactive()) {
      out.println();
      out.print(table(groups));
    }
    out.println(t.dim("    * TIME_WAIT sockets belong to no process: counted for the endpoints this one talks to."));
    out.println();
    if (ended != null) {
      out.println("  " + ended + ".");
    }
    if (alerts.isEmpty()) {
      out.println("  " + t.green("✓ no endpoint kept growing and no CLOSE_WAIT pile-up."));
    } else {
      out.println("  " + t.red("✗ " + alerts.size() + " finding" + (alerts.size() == 1 ? "" : "s") + ":"));
      for (String a : alerts) {
        out.println("    " + a);
      }
    }
    out.flush();
  }

  private Map<String, Object> jsonSample(
      ProcReader.Snapshot snap, Map<String, Endpoints.Group> groups, double seconds, List<String> fresh) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "sample");
    m.put("time", Instant.now().toString());
    m.put("seconds", seconds);
    m.put("pid", s.pid());
    m.put("command", snap.command());
    m.put("fds", snap.fds());
    m.put("sockets", snap.socketInodes().size());
    List<Object> list = new ArrayList<>();
    int tcp = 0;
    for (Map.Entry<String, Endpoints.Group> e : sorted(groups)) {
      Endpoints.Group g = e.getValue();
      tcp += g.owned;
      Map<String, Object> ep = new LinkedHashMap<>();
      ep.put("endpoint", e.getKey());
      ep.put("sockets", g.owned);
      Map<String, Object> states = new LinkedHashMap<>();
      g.states.forEach((state, n) -> states.put(state.name(), n));
      ep.put("states", states);
      ep.put("timeWait", g.timeWait);
      ep.put("slopePerMinute", trend.slopePerMinute(e.getKey()));
      ep.put("growing", trend.growing(e.getKey()));
      ep.put("closeWaitPileUp", g.count(TcpState.CLOSE_WAIT) >= s.closeWaitThreshold());
      list.add(ep);
    }
    m.put("tcp", tcp);
    m.put("endpoints", list);
    m.put("alerts", fresh);
    return m;
  }

  private static void sleepUntil(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return;
    }
    try {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
