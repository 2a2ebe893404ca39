package io.leakproof.cli.internal.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ESTABLISHED sockets to a local server port, read from {@code /proc/net/tcp} and {@code tcp6}
 * (Java's sockets are dual-stack: IPv4 peers appear in tcp6): the article's way of seeing a
 * client's connections, independent of what a pool believes. -1 where there is no /proc.
 */
final class SocketCount {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private SocketCount() {}

  static int established(int serverPort) {
    String port = String.format(Locale.ROOT, ":%04X", serverPort);
    // /proc/net/tcp is not one consistent snapshot: a socket can be listed twice while the
    // tables change, so sockets are counted by their address pair.
    java.util.Set<String> seen = new java.util.HashSet<>();
    boolean any = false;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      any = true;
      try {
        for (String line : Files.readAllLines(table)) {
          String[] f = SPACES.splitAsStream(line.trim()).toArray(String[]::new);
          if (f.length > 3 && f[3].equals("01") && f[1].endsWith(port)) {
            seen.add(f[1] + " " + f[2]);
          }
        }
      } catch (IOException e) {
        return -1;
      }
    }
    return any ? seen.size() : -1;
  }
}
