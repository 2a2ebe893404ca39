package io.leakproof.cli;

import io.leakproof.cli.internal.CliException;
import io.leakproof.cli.internal.LeakproofCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The {@code leakproof} command: {@code leakproof demo}, {@code leakproof loadtest}, {@code
 * leakproof watch}. Run it with the launcher script {@code ./leakproof} in the repository root,
 * or {@code java -jar leakproof-cli/target/leakproof.jar}.
 */
public final class LeakproofCli {
  private LeakproofCli() {}

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command without exiting (tests use this).
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code: 0 done, 1 failed, 2 bad usage, 3 growth seen by {@code watch
   *     --fail-on-growth}
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new LeakproofCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          String name = commandLine.getCommandSpec().qualifiedName();
          if (e instanceof CliException c) {
            err.println(name + ": " + c.getMessage());
            err.flush();
            return c.exitCode();
          }
          err.println(name + ": unexpected error: " + e);
          e.printStackTrace(err);
          err.flush();
          return CliException.FAILURE;
        });
    return cli.execute(args);
  }
}
