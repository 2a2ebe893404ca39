package io.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import example.hoarder.SocketHoarder;
import io.leakproof.cli.support.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code leakproof watch} on a real child process ({@link SocketHoarder}) that opens TCP
 * connections to a server socket this test owns on 127.0.0.1. Growth must be flagged; a steady
 * set of sockets must not be (so the check can fail); CLOSE_WAIT sockets the child never closes
 * must be flagged as a pile-up.
 */
class WatchTest {
  private ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private volatile boolean closeAccepted;
  private Process child;

  @BeforeEach
  void startServer() throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  if (closeAccepted) {
                    s.close(); // the peer closes: the child's side goes to CLOSE_WAIT
                  } else {
                    accepted.add(s);
                  }
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    if (child != null) {
      child.getOutputStream().close(); // the hoarder exits when its stdin closes
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    server.close();
    for (Socket s : accepted) {
      s.close();
    }
  }

  @Test
  void watchFlagsAnEndpointWhoseSocketsKeepGrowing() throws Exception {
    child = hoarder(40, 100);
    Cli.Result r =
        Cli.run(
            "watch", "--pid", Long.toString(child.pid()),
            "--interval", "200ms", "--duration", "10s",
            "--window", "6", "--min-growth", "3",
            "--json", "--fail-on-growth");

    assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
    String endpoint = "127.0.0.1:" + server.getLocalPort();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).allMatch(l -> l.startsWith("{\"type\":"), "one JSON object per line");
    assertThat(lines).anyMatch(l -> l.contains("\"endpoint\":\"" + endpoint + "\"") && l.contains("\"ESTABLISHED\""));
    assertThat(lines).anyMatch(l -> l.contains("\"growing\":true"));
    assertThat(lines.getLast()).contains("\"type\":\"summary\"", "\"flagged\":true", endpoint, "keeps growing");
  }

  @Test
  void watchDoesNotFlagASteadySetOfSockets() throws Exception {
    child = hoarder(6, 0);
    Thread.sleep(500); // let it open all six
    Cli.Result r =
        Cli.run(
            "watch", "--pid", Long.toString(child.pid()),
            "--interval", "100ms", "--duration", "1500ms",
            "--window", "5", "--min-growth", "3", "--fail-on-growth");

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("127.0.0.1:" + server.getLocalPort(), "ESTABLISHED")
        .contains("no endpoint kept growing");
  }

  @Test
  void watchFlagsACloseWaitPileUp() throws Exception {
    closeAccepted = true;
    child = hoarder(8, 0);
    Thread.sleep(500);
    Cli.Result r =
        Cli.run(
            "watch", "--pid", Long.toString(child.pid()),
            "--interval", "100ms", "--duration", "3s",
            "--close-wait", "5", "--fail-on-growth");

    assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
    assertThat(r.out()).contains("CLOSE_WAIT", "the peer closed them and this process never did");
  }

  @Test
  void watchingAProcessThatDoesNotExistFailsClearly() {
    Cli.Result r = Cli.run("watch", "--pid", "999999999", "--duration", "1s");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no process with pid 999999999");
  }

  private Process hoarder(int count, long intervalMs) throws IOException, URISyntaxException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path classes = Path.of(SocketHoarder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Process p =
        new ProcessBuilder(
                java, "-Xmx32m", "-cp", classes.toString(), SocketHoarder.class.getName(),
                Integer.toString(server.getLocalPort()), Integer.toString(count), Long.toString(intervalMs))
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine(); // "ready": the JVM is up, the connections start now
    assertThat(first).as("hoarder output").isEqualTo("ready");
    return p;
  }
}
