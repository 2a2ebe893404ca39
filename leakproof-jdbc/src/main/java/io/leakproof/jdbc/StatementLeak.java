package io.leakproof.jdbc;

import java.util.List;

/**
 * A connection was closed while some of its statements or result sets were still open. Leakproof
 * closed them; this report says how many there were and, when call sites are captured
 * ({@code callSiteCapture=ALL}), where each leftover statement was created.
 *
 * @param poolName the pool
 * @param lease the lease, with its acquisition call site when captured
 * @param statements how many statements were still open
 * @param resultSets how many result sets were still open
 * @param creationSites where the leftover statements (and metadata result sets) were created,
 *     one {@code Class.method(File.java:line)} each; empty when not captured
 * @param message the full report, with what to do next
 */
public record StatementLeak(
    String poolName,
    String lease,
    int statements,
    int resultSets,
    List<String> creationSites,
    String message) {

  /**
   * Creates the report.
   *
   * @throws NullPointerException if a list or string is null
   */
  public StatementLeak {
    creationSites = List.copyOf(creationSites);
  }
}
