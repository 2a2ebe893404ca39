package io.leakproof.mongodb.internal;

import io.leakproof.CallSite;
import io.leakproof.mongodb.MongoLeakReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The forgotten-client guard: every open Leakproof client of this JVM, by cluster. When a cluster
 * has more than {@code maxClientsPerCluster}, it warns with the creation sites; later only when
 * the count has doubled since the last warning, so a client-per-request bug warns a handful of
 * times in the JVM's life, not per request.
 */
final class ClientRegistry {
  private ClientRegistry() {}

  /** The warning lists at most this many distinct creation sites. */
  static final int SITES_SHOWN = 5;

  private static final ConcurrentHashMap<String, Set<ClientState>> OPEN = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, AtomicInteger> WARNED_AT =
      new ConcurrentHashMap<>();

  static void register(ClientState c) {
    Set<ClientState> set = OPEN.computeIfAbsent(c.cluster, k -> ConcurrentHashMap.newKeySet());
    set.add(c);
    int n = set.size();
    int max = c.tracker.config().maxClientsPerCluster();
    if (n <= max) {
      return;
    }
    AtomicInteger warned = WARNED_AT.computeIfAbsent(c.cluster, k -> new AtomicInteger());
    int last = warned.get();
    if ((last == 0 || n >= 2 * last) && warned.compareAndSet(last, n)) {
      warn(c, set, n, max);
    }
  }

  static void unregister(ClientState c) {
    Set<ClientState> set = OPEN.get(c.cluster);
    if (set != null) {
      set.remove(c);
    }
  }

  /** Open clients of a cluster, as counted by the guard. */
  static int openClients(String cluster) {
    Set<ClientState> set = OPEN.get(cluster);
    return set == null ? 0 : set.size();
  }

  private static void warn(ClientState c, Set<ClientState> set, int n, int max) {
    Map<String, Integer> bySite = new HashMap<>();
    for (ClientState s : set) {
      bySite.merge(s.createdAt == null ? "(not captured)" : s.createdAt.toString(), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> top = new ArrayList<>(bySite.entrySet());
    top.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
    StringBuilder b = new StringBuilder(256);
    b.append("MongoDB cluster ")
        .append(c.cluster)
        .append(" has ")
        .append(n)
        .append(" open clients in this JVM (maxClientsPerCluster ")
        .append(max)
        .append("). Each MongoClient has its own connection pool and monitor threads: create one")
        .append(" per cluster when the application starts, share it, and close() it at shutdown.")
        .append(" Created at:");
    for (int i = 0; i < Math.min(SITES_SHOWN, top.size()); i++) {
      b.append("\n  ").append(top.get(i).getValue()).append("× ").append(top.get(i).getKey());
    }
    c.tracker
        .reporter()
        .report(MongoLeakReport.Kind.TOO_MANY_CLIENTS, b.toString(), c.createdAt, c.thread, 0);
  }

  static void reportLeak(ClientState c) {
    long age = c.tracker.nowNanos() - c.createdAtNanos;
    CallSite site = c.createdAt;
    String message =
        "Leak proven in MongoDB client '"
            + c.tracker.name()
            + "': a MongoClient for "
            + c.cluster
            + " was garbage-collected without being closed, "
            + Durations.format(age)
            + " after thread "
            + c.thread
            + " created it"
            + (site != null ? " at " + site : "")
            + ". Leakproof closed it, which ends its connections and threads. Create one client"
            + " per cluster and share it; close() the ones you are done with.";
    c.tracker.reporter().report(MongoLeakReport.Kind.CLIENT_LEAK, message, site, c.thread, age);
  }
}
