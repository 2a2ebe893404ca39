package io.leakproof.cli.internal.http;

import io.leakproof.cli.internal.CliException;
import io.leakproof.cli.internal.DurationConverter;
import io.leakproof.cli.internal.report.ComparisonTable;
import io.leakproof.cli.internal.report.HtmlPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakproof http-demo}. */
@Command(
    name = "http-demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    headerHeading = "%n",
    header = "Replay the unclosed-response-body leak on an HTTP client, bare and with Leakproof.",
    descriptionHeading = "%n",
    description = {
      "Starts a price service (Jetty on 127.0.0.1) and sends it --requests requests from"
          + " --threads virtual threads through Apache HttpClient 5, first with its own pool, then"
          + " with Leakproof's connection manager, both bounded to --per-host connections. One"
          + " request in --leak-every drops its response without closing it. Prints, side by side,"
          + " requests served and timed out, leaks reported and reclaimed, and the ESTABLISHED"
          + " sockets to the service counted from /proc/net/tcp; writes an HTML report.",
      "",
      "Each side stops at --deadline: the bare client, once its connections are all leaked,"
          + " spends the rest of the run timing out."
    },
    optionListHeading = "%nOptions:%n")
public final class HttpDemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "2000", description = "Requests per side (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "20", description = "Virtual threads sending them (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--per-host", paramLabel = "N", defaultValue = "10", description = "Connections per host, both sides (default: ${DEFAULT-VALUE}).")
  int perHost;

  @Option(names = "--leak-every", paramLabel = "N", defaultValue = "50", description = "One request in this many leaks its response; 0: none (default: ${DEFAULT-VALUE}).")
  int leakEvery;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How long a request waits for a connection (default: ${DEFAULT-VALUE}; Leakproof asks"
              + " for a collection at most once a second when the pool runs dry, so a shorter"
              + " wait can time out before a leak is reclaimed).")
  Duration timeout;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "Longest run of each side (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "leakproof-http-demo.html", description = "Write the HTML report here (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--no-report", description = "Do not write the HTML report.")
  boolean noReport;

  /** Creates the command (picocli instantiates it). */
  public HttpDemoCommand() {}

  @Override
  public Integer call() {
    require(requests >= 1, "--requests must be >= 1 but was " + requests);
    require(threads >= 1, "--threads must be >= 1 but was " + threads);
    require(perHost >= 1, "--per-host must be >= 1 but was " + perHost);
    require(leakEvery >= 0, "--leak-every must be >= 0 but was " + leakEvery);
    require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be > 0 but was " + timeout);
    require(!deadline.isNegative() && !deadline.isZero(), "--deadline must be > 0 but was " + deadline);
    PrintWriter out = spec.commandLine().getOut();
    HttpDemoRun.Settings settings =
        new HttpDemoRun.Settings(requests, threads, perHost, leakEvery, timeout, deadline);
    List<HttpDemoRun.Result> results;
    try (DemoServer server = new DemoServer()) {
      out.printf("Price service on %s; %d requests per side, %d per host, 1 in %d leaks its response.%n",
          server.uri(), requests, perHost, leakEvery);
      out.println("Running bare HttpClient 5 ...");
      out.flush();
      HttpDemoRun.Result bare = HttpDemoRun.run("HttpClient 5 (bare)", false, server, settings);
      out.println("Running HttpClient 5 + Leakproof ...");
      out.flush();
      HttpDemoRun.Result lp = HttpDemoRun.run("HttpClient 5 + Leakproof", true, server, settings);
      results = List.of(bare, lp);
    } catch (Exception e) {
      throw new CliException("http-demo failed: " + e);
    }
    out.println();
    out.print(table(results));
    String first = results.get(1).firstReport();
    if (!first.isEmpty()) {
      out.println();
      out.println("Leakproof's first leak report:");
      out.println(first);
    }
    if (!noReport) {
      writeReport(results, report);
      out.println();
      out.println("HTML report: " + report.toAbsolutePath());
    }
    out.flush();
    return 0;
  }

  private static final List<Row> ROWS =
      List.of(
          new Row("requests served", r -> Integer.toString(r.served())),
          new Row("timed out waiting for a connection", r -> Integer.toString(r.timedOut())),
          new Row("failed otherwise", r -> Integer.toString(r.failed())),
          new Row("not sent before the deadline", r -> Integer.toString(r.notSent())),
          new Row("responses dropped unclosed", r -> Integer.toString(r.leaksMade())),
          new Row("leaks reported", r -> Integer.toString(r.leaksReported())),
          new Row("leaks reclaimed", r -> Long.toString(r.leaksReclaimed())),
          new Row("peak ESTABLISHED sockets to the host", r -> sockets(r.peakSockets())),
          new Row("sockets after the run", r -> sockets(r.socketsAfter())),
          new Row("wall time", r -> String.format(Locale.ROOT, "%.1f s", r.wall().toMillis() / 1000.0)));

  private record Row(String label, Function<HttpDemoRun.Result, String> value) {}

  private static String sockets(int n) {
    return n < 0 ? "n/a (no /proc)" : Integer.toString(n);
  }

  static String table(List<HttpDemoRun.Result> results) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-38s", ""));
    for (HttpDemoRun.Result r : results) {
      sb.append(String.format(Locale.ROOT, "%26s", r.name()));
    }
    sb.append('\n');
    for (Row row : ROWS) {
      sb.append(String.format(Locale.ROOT, "%-38s", row.label()));
      for (HttpDemoRun.Result r : results) {
        sb.append(String.format(Locale.ROOT, "%26s", row.value().apply(r)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static final String TEMPLATE = "/io/leakproof/cli/internal/http/http-demo.mustache";

  private static void writeReport(List<HttpDemoRun.Result> results, Path file) {
    ComparisonTable<HttpDemoRun.Result> table =
        ComparisonTable.of(results, HttpDemoRun.Result::name, r -> "");
    for (Row row : ROWS) {
      table.row(row.label(), r -> ComparisonTable.cell(row.value().apply(r), ""));
    }
    Map<String, Object> scope = new HashMap<>();
    scope.put("table", table.view());
    String first = results.get(results.size() - 1).firstReport();
    scope.put("firstReport", first.isEmpty() ? null : first);
    new HtmlPage("Leakproof HTTP demo").writeTo(file, TEMPLATE, scope);
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
