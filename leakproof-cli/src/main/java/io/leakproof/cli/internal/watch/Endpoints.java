package io.leakproof.cli.internal.watch;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Groups a process's TCP sockets by what they connect to: outbound sockets by remote endpoint
 * ({@code 127.0.0.1:5432}), accepted ones by the local port they came in on ({@code inbound
 * :8080}), listening ones apart. TIME_WAIT sockets belong to no process; they are counted for the
 * endpoints this process has been seen talking to.
 *
 * <p>Not thread-safe: the watch loop owns it.
 */
final class Endpoints {
  /** Key prefix of the rows of listening sockets, which are never a leak. */
  static final String LISTENING = "listening ";

  /** Key prefix of the rows of accepted connections. */
  static final String INBOUND = "inbound :";

  private final Set<String> knownRemotes = new HashSet<>();

  /** The sockets of one endpoint in one sample. */
  static final class Group {
    final Map<TcpState, Integer> states = new EnumMap<>(TcpState.class);
    int owned;
    int timeWait;

    void add(TcpState state) {
      states.merge(state, 1, Integer::sum);
      owned++;
    }

    int count(TcpState state) {
      return states.getOrDefault(state, 0);
    }
  }

  /**
   * Groups one sample.
   *
   * @param snapshot what the process has
   * @return endpoint → its sockets, in first-seen order
   */
  Map<String, Group> group(ProcReader.Snapshot snapshot) {
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<Integer> listenPorts = new HashSet<>();
    for (TcpSocket s : snapshot.tcp()) {
      if (s.state() == TcpState.LISTEN && snapshot.socketInodes().contains(s.inode())) {
        listenPorts.add(s.localPort());
      }
    }
    for (TcpSocket s : snapshot.tcp()) {
      if (s.inode() == 0 || !snapshot.socketInodes().contains(s.inode())) {
        continue;
      }
      String key;
      if (s.state() == TcpState.LISTEN) {
        key = LISTENING + s.local();
      } else if (listenPorts.contains(s.localPort())) {
        key = INBOUND + s.localPort();
      } else {
        key = s.remote();
        knownRemotes.add(key);
      }
      groups.computeIfAbsent(key, k -> new Group()).add(s.state());
    }
    for (TcpSocket s : snapshot.tcp()) {
      if (s.state() != TcpState.TIME_WAIT || s.inode() != 0) {
        continue;
      }
      String key =
          listenPorts.contains(s.localPort())
              ? INBOUND + s.localPort()
              : knownRemotes.contains(s.remote()) ? s.remote() : null;
      if (key != null) {
        groups.computeIfAbsent(key, k -> new Group()).timeWait++;
      }
    }
    return groups;
  }
}
