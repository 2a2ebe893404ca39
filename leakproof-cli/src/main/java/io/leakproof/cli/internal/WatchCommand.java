package io.leakproof.cli.internal;

import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.internal.watch.ProcReader;
import io.leakproof.cli.internal.watch.WatchSettings;
import io.leakproof.cli.internal.watch.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leakproof watch}. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Watch a process's TCP sockets and flag the ones that keep growing.",
    descriptionHeading = "%n",
    description = {
      "Samples /proc/PID/fd and /proc/PID/net/tcp{,6} every --interval: the process's sockets by"
          + " remote endpoint (inbound connections by local port) and TCP state. Flags an endpoint"
          + " whose socket count keeps growing over the last --window samples (a trend, not a"
          + " snapshot) and CLOSE_WAIT pile-ups (the peer closed, this process did not). Linux only.",
      "",
      "Exit codes: 0 done, 1 the process cannot be read, 2 bad usage, 3 --fail-on-growth and"
          + " something was flagged (the watch stops at the first finding)."
    },
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  leakproof watch --pid 4242",
      "  leakproof watch --pid $(pgrep -f my-service.jar) --interval 5s --duration 10m \\",
      "      --json > sockets.jsonl",
      "  leakproof watch --pid $APP_PID --duration 2m --fail-on-growth   # in CI, under load"
    })
final class WatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--pid",
      paramLabel = "PID", required = true, description = "The process to watch.")
  long pid;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Time between samples (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to watch; 0 watches until interrupted (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--window",
      paramLabel = "SAMPLES",
      defaultValue = "10",
      description = "Samples over which growth is judged (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--min-growth",
      paramLabel = "SOCKETS",
      defaultValue = "5",
      description = "Sockets the trend must rise across the window to be flagged (default: ${DEFAULT-VALUE}).")
  int minGrowth;

  @Option(
      names = "--close-wait",
      paramLabel = "SOCKETS",
      defaultValue = "5",
      description = "CLOSE_WAIT sockets on one endpoint, two samples running, that count as a pile-up (default: ${DEFAULT-VALUE}).")
  int closeWait;

  @Option(names = "--json", description = "Print one JSON object per sample (and a summary) instead of the table.")
  boolean json;

  @Option(names = "--fail-on-growth", description = "Exit with code 3 at the first growth or CLOSE_WAIT pile-up.")
  boolean failOnGrowth;

  WatchCommand() {}

  @Override
  public Integer call() {
    require(pid > 0, "--pid must be > 0 but was " + pid);
    require(interval.toMillis() >= 10, "--interval must be >= 10ms but was " + interval);
    require(!duration.isNegative(), "--duration must be >= 0 but was " + duration);
    require(window >= 3, "--window must be >= 3 samples but was " + window);
    require(minGrowth >= 1, "--min-growth must be >= 1 but was " + minGrowth);
    require(closeWait >= 1, "--close-wait must be >= 1 but was " + closeWait);
    Terminal terminal = Terminal.detect(spec.commandLine().getOut(), spec.commandLine().getErr());
    WatchSettings settings =
        new WatchSettings(pid, interval, duration, window, minGrowth, closeWait, json, failOnGrowth);
    return new Watcher(new ProcReader(Path.of("/proc")), settings, terminal).run();
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
