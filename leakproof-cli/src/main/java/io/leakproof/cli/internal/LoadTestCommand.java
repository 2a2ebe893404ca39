package io.leakproof.cli.internal;

import io.leakproof.cli.internal.db.Dialect;
import io.leakproof.cli.internal.db.ServerSessions;
import io.leakproof.cli.internal.loadtest.LoadTest;
import io.leakproof.cli.internal.loadtest.LoadTestReport;
import io.leakproof.cli.internal.loadtest.LoadTestResult;
import io.leakproof.cli.internal.loadtest.LoadTestSettings;
import io.leakproof.cli.internal.pool.PoolKind;
import io.leakproof.cli.internal.pool.PoolLogs;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.Terminal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakproof loadtest}. */
@Command(
    name = "loadtest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "N borrowers hold connections while the server counts them, pool by pool.",
    descriptionHeading = "%n",
    description = {
      "For each pool: --borrowers threads start together; each borrows a connection, holds it"
          + " with a server-side sleep (pg_sleep, SLEEP(), an H2 alias of Thread.sleep) and"
          + " returns it. A separate connection counts the pool's sessions on the server"
          + " (pg_stat_activity, the MariaDB/MySQL process list, H2's INFORMATION_SCHEMA.SESSIONS)"
          + " throughout, and a counting JDBC driver counts physical connects.",
      "",
      "Reports per pool: peak server-side connections vs --max (does the limit hold?), wall time"
          + " and throughput against the ideal (borrowers x hold / max), acquire wait"
          + " p50/p99/max, timeouts and errors, leaks made, reported and reclaimed, connections"
          + " created vs reused. A table on the terminal; --report writes an HTML page with charts."
    },
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  leakproof loadtest --url jdbc:postgresql://127.0.0.1/test --user postgres \\",
      "      --borrowers 10000 --hold 1s --max 20 --report loadtest.html",
      "  leakproof loadtest --url 'jdbc:mariadb://127.0.0.1/test?sslMode=disable' --user root \\",
      "      --borrowers 2000 --hold 200ms --max 10 --leak-rate 0.02 --pools hikaricp,dbcp2"
    })
final class LoadTestCommand implements Callable<Integer> {
  /** Extra acquire-timeout slack beyond the ideal wall time when none is given. */
  private static final Duration AUTO_TIMEOUT_SLACK = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  /** --url (required here), --user, --password-env. */
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--borrowers",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Borrowers, each borrowing once (default: ${DEFAULT-VALUE}).")
  int borrowers;

  @Option(
      names = "--hold",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How long each borrower holds its connection (default: ${DEFAULT-VALUE}).")
  Duration hold;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "20",
      description = "Maximum connections of every pool (default: ${DEFAULT-VALUE}).")
  int max;

  @Option(
      names = "--pools",
      paramLabel = "POOL",
      split = ",",
      description = "Pools to run, in order: leakproof, hikaricp, agroal, dbcp2 (default: all in this build).")
  List<String> pools;

  @Option(
      names = "--leak-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Fraction of borrowers that drop their connection without closing it, 0..1 (default: ${DEFAULT-VALUE}).")
  double leakRate;

  @Option(
      names = "--threads",
      paramLabel = "virtual|platform",
      defaultValue = "virtual",
      description = "Borrower threads: virtual or platform (default: ${DEFAULT-VALUE}).")
  String threads;

  @Option(
      names = "--acquire-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long a borrower waits for a connection (default: the ideal wall time + 30s).")
  Duration acquireTimeout;

  @Option(
      names = "--leak-threshold",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "When the incumbents report a held connection (default: 3 x --hold, at least 2s).")
  Duration leakThreshold;

  @Option(
      names = "--sample-interval",
      paramLabel = "DURATION",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      description = "How often the server-side connection count is sampled (default: ${DEFAULT-VALUE}).")
  Duration sampleInterval;

  @Option(
      names = "--hold-mode",
      paramLabel = "auto|server|client",
      defaultValue = "auto",
      description = "server (a server-side sleep), client (sleep while holding), or auto (default: ${DEFAULT-VALUE}).")
  String holdMode;

  @Option(names = "--report",
      paramLabel = "FILE", description = "Write an HTML report with charts here.")
  Path report;

  @Option(names = "--verbose", description = "Print the pools' and drivers' own log lines to stderr.")
  boolean verbose;

  LoadTestCommand() {}

  @Override
  public Integer call() {
    require(borrowers >= 1, "--borrowers must be >= 1 but was " + borrowers);
    require(max >= 1, "--max must be >= 1 but was " + max);
    require(!hold.isNegative(), "--hold must be >= 0 but was " + hold);
    require(leakRate >= 0 && leakRate <= 1, "--leak-rate must be between 0 and 1 but was " + leakRate);
    require(
        threads.equals("virtual") || threads.equals("platform"),
        "--threads must be virtual or platform but was " + threads);
    require(
        holdMode.equals("auto") || holdMode.equals("server") || holdMode.equals("client"),
        "--hold-mode must be auto, server or client but was " + holdMode);
    require(
        sampleInterval.toMillis() >= 10,
        "--sample-interval must be >= 10ms but was " + Fmt.duration(sampleInterval));
    require(
        acquireTimeout == null || acquireTimeout.toMillis() >= 1,
        "--acquire-timeout must be >= 1ms but was " + acquireTimeout);
    require(
        leakThreshold == null || leakThreshold.toMillis() >= 1,
        "--leak-threshold must be >= 1ms but was " + leakThreshold);
    connection.requireJdbcUrl();
    String url = connection.url();
    String user = connection.user();
    List<String> names = pools == null ? PoolKind.availableNames() : pools;
    PoolNames.Resolved resolved = PoolNames.resolve(spec, names);
    String password = connection.password();
    Terminal terminal = Terminal.detect(spec.commandLine().getOut(), spec.commandLine().getErr());
    PoolLogs.install(verbose ? terminal.err() : null);

    Dialect dialect = Dialect.of(url);
    boolean serverHold = prepare(dialect, url, user, password, terminal);
    long waves = (borrowers + (long) max - 1) / max;
    Duration ideal = hold.multipliedBy(waves);
    Duration timeout = acquireTimeout != null ? acquireTimeout : ideal.plus(AUTO_TIMEOUT_SLACK);
    Duration threshold =
        leakThreshold != null
            ? leakThreshold
            : hold.multipliedBy(3).compareTo(Duration.ofSeconds(2)) < 0
                ? Duration.ofSeconds(2)
                : hold.multipliedBy(3);
    LoadTestSettings settings =
        new LoadTestSettings(
            url,
            user,
            password,
            borrowers,
            hold,
            max,
            leakRate,
            threads.equals("virtual"),
            timeout,
            threshold,
            sampleInterval,
            serverHold);

    var out = terminal.out();
    out.println();
    out.println(
        "  "
            + terminal.bold("Leakproof load test")
            + " — "
            + Fmt.count(borrowers)
            + " borrowers, each holding a connection "
            + Fmt.duration(hold)
            + ", pool max "
            + max);
    out.println(
        terminal.dim(
            "  "
                + dialect.title()
                + " at "
                + Secrets.maskUrl(url)
                + (serverHold ? " · server-side sleep" : " · client-side sleep")
                + " · "
                + threads
                + " threads · acquire timeout "
                + Fmt.duration(timeout)
                + " · ideal wall time "
                + Fmt.seconds(settings.idealSeconds())
                + (leakRate > 0 ? " · leak rate " + Fmt.percent(leakRate) : "")));
    for (String note : resolved.notes()) {
      out.println("  " + terminal.yellow(note));
    }
    String timeoutNote = timeoutNote(timeout, ideal);
    if (timeoutNote != null) {
      out.println("  " + terminal.yellow(timeoutNote));
    }
    out.println();
    out.flush();

    List<LoadTestResult> results = new LoadTest(settings, terminal).run(resolved.choices());
    LoadTestReport.print(terminal, results, settings);
    if (report != null) {
      LoadTestReport.writeHtml(report, results, settings);
      out.println();
      out.println("  Report: " + terminal.cyan(report.toAbsolutePath().toUri().toString()));
    }
    out.flush();
    return 0;
  }

  /**
   * Every borrower starts at once, so the last ones queue for about the ideal wall time even on
   * a perfect pool: an acquire timeout shorter than that makes timeouts by design, whatever the
   * pool. Returns a note saying so, or {@code null}.
   */
  static String timeoutNote(Duration timeout, Duration ideal) {
    if (timeout.compareTo(ideal) >= 0) {
      return null;
    }
    return "note: --acquire-timeout "
        + Fmt.duration(timeout)
        + " is shorter than the ideal wall time "
        + Fmt.duration(ideal)
        + ": borrowers at the back of the queue time out even on a perfect pool."
        + " Use at least "
        + Fmt.duration(ideal)
        + " to compare pools, or leave it out (the ideal + 30s).";
  }

  /** Checks the database answers and sets up the server-side sleep; returns whether to use it. */
  private boolean prepare(
      Dialect dialect, String url, String user, String password, Terminal terminal) {
    try (Connection c = ServerSessions.connect(url, user, password)) {
      boolean wantServer = !holdMode.equals("client");
      if (!wantServer) {
        return false;
      }
      if (!dialect.hasServerSleep()) {
        if (holdMode.equals("server")) {
          throw new CliException("--hold-mode server: no server-side sleep known for this database");
        }
        terminal.out().println(terminal.yellow("  No server-side sleep for this database: borrowers sleep while holding."));
        return false;
      }
      try {
        dialect.prepare(c);
        return true;
      } catch (SQLException e) {
        if (holdMode.equals("server")) {
          throw new CliException("cannot set up the server-side sleep: " + e.getMessage());
        }
        terminal.out().println(terminal.yellow("  Cannot set up a server-side sleep (" + e.getMessage() + "): borrowers sleep while holding."));
        return false;
      }
    } catch (SQLException e) {
      throw new CliException("cannot use " + Secrets.maskUrl(url) + ": " + e.getMessage());
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
