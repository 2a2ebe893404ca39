package io.leakproof.cli.internal;

import picocli.CommandLine.Command;

/** {@code leakproof}: the root command. */
@Command(
    name = "leakproof",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    headerHeading = "%n",
    header = "Find and prevent connection leaks: a demo, a pool load test and a socket watcher.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Run 'leakproof COMMAND --help' for a command's options.",
      "Exit codes: 0 done, 1 failed (the message says why), 2 bad usage,"
          + " 3 watch --fail-on-growth saw sockets grow."
    },
    subcommands = {
      DemoCommand.class,
      LoadTestCommand.class,
      WatchCommand.class,
      io.leakproof.cli.internal.http.HttpDemoCommand.class
    })
public final class LeakproofCommand {
  /** Creates the command (picocli instantiates it). */
  public LeakproofCommand() {}
}
