package io.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.cli.support.Cli;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Bad arguments get a clear message and a non-zero exit; help and version work. */
class BadArgumentsTest {
  static Stream<Arguments> badCommandLines() {
    String pg = "jdbc:postgresql://127.0.0.1:5432/test";
    return Stream.of(
        Arguments.of(2, "unknown pool 'mongo'; known pools: leakproof, hikaricp, agroal, dbcp2",
            new String[] {"loadtest", "--url", pg, "--pools", "hikaricp,mongo"}),
        Arguments.of(2, "--max must be >= 1 but was 0", new String[] {"loadtest", "--url", pg, "--max", "0"}),
        Arguments.of(2, "--borrowers must be >= 1 but was -5", new String[] {"loadtest", "--url", pg, "--borrowers", "-5"}),
        Arguments.of(2, "--leak-rate must be between 0 and 1 but was 1.5",
            new String[] {"loadtest", "--url", pg, "--leak-rate", "1.5"}),
        Arguments.of(2, "--threads must be virtual or platform but was green",
            new String[] {"loadtest", "--url", pg, "--threads", "green"}),
        Arguments.of(2, "Missing required option: '--url=URL'", new String[] {"loadtest"}),
        Arguments.of(2, "'1x' is not a duration", new String[] {"loadtest", "--url", pg, "--hold", "1x"}),
        Arguments.of(2, "hikaricp is listed twice", new String[] {"loadtest", "--url", pg, "--pools", "hikaricp,hikaricp"}),
        Arguments.of(1, "cannot connect to jdbc:postgresql://127.0.0.1:1/test",
            new String[] {"loadtest", "--url", "jdbc:postgresql://127.0.0.1:1/test", "--borrowers", "1"}),
        Arguments.of(1, "no JDBC driver accepts jdbc:nosuchdb://127.0.0.1/x",
            new String[] {"loadtest", "--url", "jdbc:nosuchdb://127.0.0.1/x"}),
        Arguments.of(2, "--duration must be > 0", new String[] {"demo", "--duration", "0s"}),
        Arguments.of(2, "--max must be >= 1 but was 0", new String[] {"demo", "--max", "0"}),
        Arguments.of(2, "--user and --password-env need --url", new String[] {"demo", "--user", "app"}),
        Arguments.of(2, "--url must be a JDBC URL (jdbc:...) but was postgres://127.0.0.1/test",
            new String[] {"loadtest", "--jdbc-url", "postgres://127.0.0.1/test"}),
        Arguments.of(1, "cannot connect to jdbc:postgresql://127.0.0.1:1/test",
            new String[] {"loadtest", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/test", "--borrowers", "1"}),
        Arguments.of(1, "LEAKPROOF_TEST_UNSET_VARIABLE, which is not set",
            new String[] {"demo", "--jdbc-url", "jdbc:h2:mem:x", "--password-env", "LEAKPROOF_TEST_UNSET_VARIABLE"}),
        Arguments.of(1, "LEAKPROOF_TEST_UNSET_VARIABLE, which is not set",
            new String[] {"demo", "--url", "jdbc:h2:mem:x", "--password-env", "LEAKPROOF_TEST_UNSET_VARIABLE"}),
        Arguments.of(2, "--window must be >= 3 samples but was 1", new String[] {"watch", "--pid", "1", "--window", "1"}),
        Arguments.of(2, "--pid must be > 0 but was 0", new String[] {"watch", "--pid", "0"}),
        Arguments.of(2, "Unmatched argument at index 0: 'nosuchcommand'", new String[] {"nosuchcommand"}));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badArgumentsExitNonZeroWithAMessage(int exitCode, String message, String[] args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.exitCode()).as(r.all()).isEqualTo(exitCode);
    assertThat(r.err()).as(r.all()).contains(message);
  }

  @Test
  void aPasswordInTheUrlNeverShowsInTheMessage() {
    Cli.Result r =
        Cli.run("loadtest", "--url", "jdbc:postgresql://127.0.0.1:1/test?user=app&password=hunter2", "--borrowers", "1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("password=***").doesNotContain("hunter2");
    assertThat(r.out()).doesNotContain("hunter2");
  }

  @Test
  void helpListsTheCommandsAndEachCommandHasItsOwn() {
    Cli.Result root = Cli.run("--help");
    assertThat(root.exitCode()).isZero();
    assertThat(root.out()).contains("Usage: leakproof", "demo", "loadtest", "watch");
    Cli.Result demo = Cli.run("demo", "--help");
    assertThat(demo.exitCode()).isZero();
    assertThat(demo.out())
        .contains("Usage: leakproof demo", "--duration", "--url, --jdbc-url=URL", "--password-env");
    Cli.Result loadtest = Cli.run("loadtest", "--help");
    assertThat(loadtest.out())
        .contains("--url, --jdbc-url=URL", "--borrowers", "--hold", "--leak-rate", "--report")
        .doesNotContainIgnoringCase("seed");
    assertThat(demo.out()).doesNotContainIgnoringCase("seed");
    Cli.Result watch = Cli.run("watch", "--help");
    assertThat(watch.out()).contains("--pid", "--fail-on-growth", "--json");
    Cli.Result version = Cli.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("leakproof ").contains("Java ");
  }
}
