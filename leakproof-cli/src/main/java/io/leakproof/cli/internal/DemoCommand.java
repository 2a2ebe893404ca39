package io.leakproof.cli.internal;

import io.leakproof.cli.internal.demo.Demo;
import io.leakproof.cli.internal.demo.DemoSettings;
import io.leakproof.cli.internal.pool.PoolLogs;
import io.leakproof.cli.internal.term.Terminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakproof demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Run a web shop that leaks connections, on each pool, and compare what happens.",
    descriptionHeading = "%n",
    description = {
      "Starts an embedded H2 database in TCP mode on 127.0.0.1 (or uses --url), creates a"
          + " small shop schema and sends it requests on virtual threads for --duration per pool."
          + " Most requests are correct; one in --leak-every takes one of four leaking code paths"
          + " (a Connection never closed, an early return that leaves a ResultSet and its"
          + " Connection open, an exception that skips close(), a transaction left open)."
          + " A live status line shows leased, idle and waiting connections and the leaks the pool"
          + " reported and reclaimed. At the end: each pool's numbers and leaks by call site, the"
          + " pools side by side, and an HTML report.",
      "",
      "Pools run in the order given; a pool missing from this build is skipped with a note."
    },
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  leakproof demo",
      "  leakproof demo --duration 60s --pools hikaricp,dbcp2",
      "  PGPASSWORD=... leakproof demo --password-env PGPASSWORD \\",
      "      --url jdbc:postgresql://127.0.0.1/test --user app"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long requests arrive, per pool (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "150",
      description = "Requests per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "10",
      description = "Maximum connections of every pool (default: ${DEFAULT-VALUE}).")
  int max;

  @Option(
      names = "--acquire-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How long a request waits for a connection (default: ${DEFAULT-VALUE}).")
  Duration acquireTimeout;

  @Option(
      names = "--leak-threshold",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "When the incumbents report a held connection (HikariCP leakDetectionThreshold,"
              + " Agroal leakTimeout, DBCP2 removeAbandonedTimeout; default: ${DEFAULT-VALUE}).")
  Duration leakThreshold;

  @Option(
      names = "--leak-every",
      paramLabel = "N",
      defaultValue = "250",
      description = "One request in this many takes a leaking path; 0: none (default: ${DEFAULT-VALUE}).")
  int leakEvery;

  @Option(
      names = "--pools",
      paramLabel = "POOL",
      split = ",",
      defaultValue = "leakproof,hikaricp",
      description = "Pools to run, in order: leakproof, hikaricp, agroal, dbcp2 (default: ${DEFAULT-VALUE}).")
  List<String> pools;

  /** --url (run on this database instead of the embedded H2; tables lpdemo_*, dropped after). */
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      defaultValue = "leakproof-demo.html",
      description = "Write the HTML report here (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--no-report", description = "Do not write the HTML report.")
  boolean noReport;

  @Option(names = "--verbose", description = "Print the pools' and drivers' own log lines to stderr.")
  boolean verbose;

  DemoCommand() {}

  @Override
  public Integer call() {
    require(!duration.isNegative() && !duration.isZero(), "--duration must be > 0 but was " + duration);
    require(rate >= 1, "--rate must be >= 1 but was " + rate);
    require(max >= 1, "--max must be >= 1 but was " + max);
    require(
        !acquireTimeout.isNegative() && !acquireTimeout.isZero(),
        "--acquire-timeout must be > 0 but was " + acquireTimeout);
    require(
        !leakThreshold.isNegative() && !leakThreshold.isZero(),
        "--leak-threshold must be > 0 but was " + leakThreshold);
    require(leakEvery >= 0, "--leak-every must be >= 0 but was " + leakEvery);
    connection.requireUrlForCredentials();
    String jdbcUrl = connection.url();
    String user = connection.user();
    PoolNames.Resolved resolved = PoolNames.resolve(spec, pools);
    String password = connection.password();
    Terminal terminal = Terminal.detect(spec.commandLine().getOut(), spec.commandLine().getErr());
    PoolLogs.install(verbose ? terminal.err() : null);
    DemoSettings settings =
        new DemoSettings(
            jdbcUrl, user, password, duration, rate, max, acquireTimeout, leakThreshold, leakEvery);
    Demo.run(
        new Demo.Request(
            jdbcUrl,
            user,
            password,
            settings,
            resolved.choices(),
            resolved.notes(),
            noReport ? null : report),
        terminal);
    return 0;
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
