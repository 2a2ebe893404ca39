package io.leakproof.micrometer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the Prometheus tests run (Debian's {@code prometheus} package: {@code
 * /usr/bin/prometheus} and {@code /usr/bin/promtool}), and the repository files they check.
 *
 * <p>A missing tool skips the test with a message saying how to install it, unless the
 * environment variable {@code LEAKPROOF_REQUIRE_TOOLS=true} (CI sets it): then it fails.
 */
final class Tools {
  private Tools() {}

  /** The environment variable that turns a missing tool from a skip into a failure. */
  static final String REQUIRE_TOOLS = "LEAKPROOF_REQUIRE_TOOLS";

  /**
   * Where the tools are looked for: {@code /usr/bin}, or the directory named by the environment
   * variable {@code LEAKPROOF_TOOLS_DIR} (to try the skip and failure paths by hand).
   */
  static Path toolsDir() {
    String dir = System.getenv("LEAKPROOF_TOOLS_DIR");
    return Path.of(dir == null || dir.isBlank() ? "/usr/bin" : dir);
  }

  /** Returns the tool's path, or skips (or fails, on CI) when it is not installed. */
  static Path require(String tool) {
    Path p = toolsDir().resolve(tool);
    if (Files.isExecutable(p)) {
      return p;
    }
    String msg =
        p
            + " is missing: install Debian's prometheus package"
            + " (apt-get update && apt-get install -y --no-install-recommends prometheus)";
    if ("true".equalsIgnoreCase(System.getenv(REQUIRE_TOOLS))) {
      fail(msg + " (" + REQUIRE_TOOLS + "=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(msg + "; skipped (set " + REQUIRE_TOOLS + "=true to fail instead)");
    throw new AssertionError("unreachable");
  }

  /** The repository root: the parent of this module's directory. */
  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    Path root = here.getFileName().toString().equals("leakproof-micrometer") ? here.getParent() : here;
    if (!Files.isDirectory(root.resolve("monitoring"))) {
      throw new AssertionError("cannot find the repository's monitoring/ from " + here);
    }
    return root;
  }

  static Path alertRules() {
    return repoRoot().resolve("monitoring/prometheus/leakproof-alerts.yml");
  }

  static Path alertRuleTests() {
    return repoRoot().resolve("monitoring/prometheus/leakproof-alerts.test.yml");
  }

  static Path dashboard() {
    return repoRoot().resolve("monitoring/grafana/leakproof-dashboard.json");
  }

  /** The outcome of a finished command. */
  record Result(int exitCode, String output) {}

  /** Runs a command to completion (bounded), with stderr merged into the output. */
  static Result run(Duration limit, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out;
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + limit);
      }
      out = p.getInputStream().readAllBytes();
    } finally {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Every alert of the rules file with its expression, by simple line parsing. */
  record Alert(String name, String expr, List<String> annotationKeys) {}

  static List<Alert> alerts() throws IOException {
    List<String> lines = Files.readAllLines(alertRules());
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (!l.startsWith("- alert:")) {
        continue;
      }
      String name = l.substring("- alert:".length()).trim();
      StringBuilder expr = new StringBuilder();
      List<String> keys = new ArrayList<>();
      int j = i + 1;
      boolean inAnnotations = false;
      for (; j < lines.size() && !lines.get(j).trim().startsWith("- alert:"); j++) {
        String t = lines.get(j).trim();
        if (t.startsWith("expr: |")) {
          for (j++; j < lines.size() && lines.get(j).startsWith("          "); j++) {
            expr.append(lines.get(j).trim()).append(' ');
          }
          j--;
        } else if (t.startsWith("expr:")) {
          expr.append(t.substring("expr:".length()).trim());
        } else if (t.equals("annotations:")) {
          inAnnotations = true;
        } else if (t.endsWith(":") && !t.contains(" ")) {
          inAnnotations = false;
        } else if (inAnnotations && t.contains(":")) {
          keys.add(t.substring(0, t.indexOf(':')));
        }
      }
      out.add(new Alert(name, expr.toString().trim(), keys));
      i = j - 1;
    }
    return out;
  }
}
