package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPMS boundary, checked on the module path (the other tests run on the class path, where
 * every package is visible): an application module that requires {@code io.leakproof.core}
 * compiles and runs against the exported API and SPI, and one that reaches into
 * {@code io.leakproof.internal} does not compile. An export added or dropped by mistake fails here.
 */
class ModulePathTest {
  @TempDir Path dir;

  private static Path coreModule() throws Exception {
    return Path.of(Pool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private Path writeModule(String name, String mainSource) throws IOException {
    Path src = dir.resolve(name + "-src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(
        src.resolve("module-info.java"), "module app { requires io.leakproof.core; }\n");
    Files.writeString(src.resolve("app/Main.java"), mainSource);
    return src;
  }

  private static String compile(Path src, Path out) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    Files.createDirectories(out);
    // An empty class path: in-process javac would otherwise see the test's own class path.
    List<String> args =
        new ArrayList<>(
            List.of(
                "--module-path", coreModule().toString(), "--class-path", out.toString(), "-d", out.toString()));
    args.add(src.resolve("module-info.java").toString());
    args.add(src.resolve("app/Main.java").toString());
    int rc =
        javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    String text = diagnostics.toString(StandardCharsets.UTF_8);
    return rc == 0 ? null : text;
  }

  @Test
  void anApplicationModuleUsesTheExportedApiAndSpi() throws Exception {
    Path src =
        writeModule(
            "good",
            """
            package app;

            import io.leakproof.Lease;
            import io.leakproof.Pool;
            import io.leakproof.PoolConfig;
            import io.leakproof.management.PoolMXBeans;
            import io.leakproof.spi.ResourceFactory;
            import java.time.Duration;

            public class Main {
              public static void main(String[] args) throws Exception {
                ResourceFactory<StringBuilder> f = new ResourceFactory<>() {
                  @Override public StringBuilder create(Duration timeout) { return new StringBuilder(); }
                  @Override public void destroy(StringBuilder s) {}
                };
                try (Pool<StringBuilder> pool = Pool.open(PoolConfig.builder().name("mp").maxSize(2).build(), f);
                     Lease<StringBuilder> lease = pool.acquire()) {
                  PoolMXBeans.register(pool);
                  lease.get().append("ok");
                  System.out.println("leased " + lease.get() + " from " + pool.name() + ", "
                      + pool.stats().leased() + " leased");
                }
              }
            }
            """);
    Path out = dir.resolve("good-out");
    assertThat(compile(src, out)).as("javac diagnostics").isNull();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                javaBin, "--module-path", coreModule() + File.pathSeparator + out, "-m", "app/app.Main")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the module-path run finished").isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("leased ok from mp, 1 leased");
  }

  @Test
  void theEngineIsNotVisibleToApplications() throws Exception {
    Path src =
        writeModule(
            "bad",
            """
            package app;

            public class Main {
              public static void main(String[] args) {
                System.out.println(io.leakproof.internal.RealPool.class);
              }
            }
            """);
    assertThat(compile(src, dir.resolve("bad-out")))
        .as("javac must refuse the internal package")
        .isNotNull()
        .contains("package io.leakproof.internal is declared in module io.leakproof.core")
        .contains("does not export it");
  }
}
