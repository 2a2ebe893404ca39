package io.leakproof.cli.internal.watch;

import io.leakproof.cli.internal.CliException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a process's file descriptors and TCP sockets from Linux's {@code /proc}: {@code
 * /proc/PID/fd/*} links named {@code socket:[inode]}, matched against {@code
 * /proc/PID/net/tcp} and {@code tcp6} (the tables of the process's network namespace).
 */
public final class ProcReader {
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private final Path proc;

  /**
   * Creates a reader.
   *
   * @param proc the proc file system, normally {@code /proc}
   */
  public ProcReader(Path proc) {
    this.proc = proc;
  }

  /**
   * What one look at a process found.
   *
   * @param command the process's command name
   * @param fds open file descriptors
   * @param socketInodes the inodes of its sockets (TCP or not)
   * @param tcp every TCP socket in the process's network namespace
   */
  public record Snapshot(String command, int fds, Set<Long> socketInodes, List<TcpSocket> tcp) {}

  /**
   * Looks at a process.
   *
   * @param pid the process
   * @return what was found
   * @throws CliException if the process does not exist or cannot be read
   * @throws ProcessGoneException if the process exited while being read
   */
  public Snapshot read(long pid) {
    Path dir = proc.resolve(Long.toString(pid));
    if (!Files.isDirectory(proc.resolve("self"))) {
      throw new CliException("watch needs Linux's /proc file system, and " + proc + " has none");
    }
    if (!Files.isDirectory(dir)) {
      throw new ProcessGoneException(pid);
    }
    String command = readQuietly(dir.resolve("comm")).strip();
    int fds = 0;
    Set<Long> sockets = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : entries) {
        fds++;
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException e) {
          continue; // closed while we listed
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          sockets.add(Long.parseLong(target.substring(8, target.length() - 1)));
        }
      }
    } catch (AccessDeniedException e) {
      throw new CliException(
          "cannot read "
              + dir.resolve("fd")
              + ": permission denied (run as the process's user, or as root)");
    } catch (NoSuchFileException e) {
      throw new ProcessGoneException(pid);
    } catch (IOException e) {
      throw new CliException("cannot read " + dir.resolve("fd") + ": " + e.getMessage());
    }
    List<TcpSocket> tcp = new ArrayList<>();
    tcp.addAll(parse(readQuietly(dir.resolve("net/tcp")), false));
    tcp.addAll(parse(readQuietly(dir.resolve("net/tcp6")), true));
    return new Snapshot(command, fds, sockets, tcp);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Parses a {@code /proc/net/tcp} or {@code tcp6} table.
   *
   * @param table the file's content
   * @param v6 whether it is {@code tcp6}
   * @return one entry per line
   */
  public static List<TcpSocket> parse(String table, boolean v6) {
    List<TcpSocket> out = new ArrayList<>();
    for (String line : table.lines().toList()) {
      String trimmed = line.trim();
      String[] f = trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
      if (f.length < 10 || !f[0].endsWith(":")) {
        continue;
      }
      try {
        Address local = address(f[1], v6);
        Address remote = address(f[2], v6);
        out.add(
            new TcpSocket(
                local.text(), local.port(), remote.text(), TcpState.ofHex(f[3]), Long.parseLong(f[9])));
      } catch (IllegalArgumentException e) {
        // a line we do not understand: skip it rather than fail the whole sample
      }
    }
    return out;
  }

  private record Address(String text, int port) {}

  private static Address address(String field, boolean v6) {
    int colon = field.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(field);
    }
    String hex = field.substring(0, colon);
    int port = Integer.parseInt(field.substring(colon + 1), 16);
    byte[] bytes = new byte[v6 ? 16 : 4];
    if (hex.length() != bytes.length * 2) {
      throw new IllegalArgumentException(field);
    }
    // The kernel prints each 32-bit word in host order (little-endian on the machines we run on).
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    String host;
    try {
      InetAddress a = InetAddress.getByAddress(bytes); // IPv4-mapped IPv6 comes back as IPv4
      host = a.getHostAddress();
      if (host.contains(":")) {
        host = "[" + compress(host) + "]";
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(field, e);
    }
    return new Address(host + ":" + port, port);
  }

  /** Shortens {@code 0:0:0:0:0:0:0:1} to {@code ::1}. */
  private static String compress(String v6) {
    String s = ":" + v6 + ":";
    for (int zeros = 8; zeros >= 2; zeros--) {
      String run = ":0".repeat(zeros) + ":";
      int at = s.indexOf(run);
      if (at >= 0) {
        s = s.substring(0, at) + "::" + s.substring(at + run.length());
        break;
      }
    }
    if (s.startsWith(":") && !s.startsWith("::")) {
      s = s.substring(1);
    }
    if (s.endsWith(":") && !s.endsWith("::")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** The watched process exited. */
  public static final class ProcessGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessGoneException(long pid) {
      super("no process with pid " + pid);
    }
  }
}
