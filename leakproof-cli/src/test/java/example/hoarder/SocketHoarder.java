package example.hoarder;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A small program that leaks TCP connections, for {@code WatchTest}: it opens {@code count}
 * connections to 127.0.0.1:{@code port}, one every {@code intervalMs}, never closes them, and
 * exits when its standard input closes (the test ends it) or after 60 s at most.
 *
 * <p>Usage: {@code java example.hoarder.SocketHoarder <port> <count> <intervalMs>}
 */
public final class SocketHoarder {
  private SocketHoarder() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    long intervalMs = Long.parseLong(args[2]);
    List<Socket> leaked = new ArrayList<>();
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                      // wait for the parent to close our stdin
                    }
                  } catch (IOException ignored) {
                    // parent gone
                  }
                  Runtime.getRuntime().halt(0);
                });
    System.out.println("ready");
    System.out.flush();
    for (int i = 0; i < count; i++) {
      leaked.add(new Socket(InetAddress.getLoopbackAddress(), port));
      Thread.sleep(intervalMs);
    }
    System.out.println("opened " + leaked.size());
    System.out.flush();
    watchdog.join(60_000);
    Runtime.getRuntime().halt(0);
  }
}
