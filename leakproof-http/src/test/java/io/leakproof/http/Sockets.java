package io.leakproof.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts ESTABLISHED TCP sockets from {@code /proc/net/tcp}: the article's way of watching a
 * client's connections, independent of what any pool believes.
 */
final class Sockets {
  private static final Path TCP = Path.of("/proc/net/tcp");
  // Java's sockets are dual-stack IPv6 ones on Linux: IPv4 peers show up in tcp6 as ::ffff:a.b.c.d
  private static final Path TCP6 = Path.of("/proc/net/tcp6");
  private static final String ESTABLISHED = "01";
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  private Sockets() {}

  /** Whether this machine has {@code /proc/net/tcp} (Linux). */
  static boolean available() {
    return Files.isReadable(TCP);
  }

  /** Server-side ESTABLISHED sockets on a local port: one per client connection. */
  static int established(int serverPort) {
    return established(new int[] {serverPort})[0];
  }

  /** Server-side ESTABLISHED sockets on each of several local ports, from one read of the tables. */
  static int[] established(int[] serverPorts) {
    String[] portHex = new String[serverPorts.length];
    for (int i = 0; i < serverPorts.length; i++) {
      portHex[i] = String.format(Locale.ROOT, ":%04X", serverPorts[i]);
    }
    List<String> lines = new java.util.ArrayList<>(read(TCP));
    lines.addAll(read(TCP6));
    // /proc/net/tcp is not one consistent snapshot: a socket can be listed twice while the
    // tables change, so sockets are counted by their address pair.
    List<java.util.Set<String>> seen = new java.util.ArrayList<>();
    for (int i = 0; i < serverPorts.length; i++) {
      seen.add(new java.util.HashSet<>());
    }
    for (String line : lines) {
      if (line.contains("local_address")) {
        continue;
      }
      String[] f = SPACES.splitAsStream(line.trim()).toArray(String[]::new);
      for (int i = 0; i < serverPorts.length; i++) {
        if (f[3].equals(ESTABLISHED) && f[1].endsWith(portHex[i])) {
          seen.get(i).add(f[1] + " " + f[2]);
        }
      }
    }
    int[] counts = new int[serverPorts.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = seen.get(i).size();
    }
    return counts;
  }

  private static List<String> read(Path table) {
    if (!Files.isReadable(table)) {
      return List.of();
    }
    try {
      return Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
