package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.OpenOnePool;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pool that relies on requested collections says so when the JVM ignores them
 * ({@code -XX:+DisableExplicitGC}), and says nothing otherwise. Each case runs in a child JVM.
 */
class ExplicitGcWarningTest {
  private static final String FLAG = "-XX:+DisableExplicitGC";

  @Test
  void warnsWhenTheJvmIgnoresSystemGc() throws Exception {
    String out = run("orders", 1000, FLAG);
    assertThat(out).contains("done");
    assertThat(out).contains("Pool 'orders'").contains(FLAG).contains("gcOnExhaustion to 0");
  }

  @Test
  void silentWhenSystemGcWorks() throws Exception {
    String out = run("orders", 1000);
    assertThat(out).contains("done").doesNotContain("DisableExplicitGC");
  }

  @Test
  void silentWhenThePoolAsksForNoCollections() throws Exception {
    String out = run("orders", 0, FLAG);
    assertThat(out).contains("done").doesNotContain("DisableExplicitGC");
  }

  private static String run(String pool, long gcOnExhaustionMillis, String... jvmOptions)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx64m");
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-cp");
    cmd.add(location(Pool.class) + File.pathSeparator + location(OpenOnePool.class));
    cmd.add(OpenOnePool.class.getName());
    cmd.add(pool);
    cmd.add(Long.toString(gcOnExhaustionMillis));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", text).isZero();
    return text;
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
