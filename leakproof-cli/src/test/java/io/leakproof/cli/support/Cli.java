package io.leakproof.cli.support;

import io.leakproof.cli.LeakproofCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in this JVM and captures what it prints. */
public final class Cli {
  private Cli() {}

  /**
   * What a run printed and returned.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  public record Result(int exitCode, String out, String err) {
    /** Returns both streams, for assertion messages. */
    public String all() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }

  /**
   * Runs {@code leakproof args...}.
   *
   * @param args the command line
   * @return the result
   */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      code = LeakproofCli.run(o, e, args);
    }
    return new Result(code, out.toString(), err.toString());
  }
}
