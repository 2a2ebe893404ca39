package io.leakproof.jdbc.internal;

import java.sql.Connection;
import java.util.EnumSet;
import java.util.Properties;

/**
 * One physical connection as the pool holds it: the driver's connection, the attribute values it
 * had when it was created (its baseline), and what the current borrower changed.
 *
 * <p>Implementation notes. The per-lease fields ({@link #dirty}, {@link #exposed}) are written only
 * by the lease holder and read by whoever ends the lease (the holder's close, or the pool's reaper
 * when it reclaims a leaked lease); the pool's lease hand-off (a compare-and-set on the lease
 * token) orders the two. They live here rather than in the connection handle so that a connection
 * reclaimed from a garbage-collected handle can still be reset correctly.
 */
final class PooledConnection {

  final Connection raw;
  final String product;

  // Baseline: the values after the configured defaults were applied at creation. A null string or
  // negative number means the driver could not tell; a change to such an attribute cannot be
  // undone, so the connection is closed instead of reused.
  final boolean autoCommit;
  final int isolation;
  final boolean readOnly;
  final String catalog;
  final String schema;
  final int networkTimeoutMillis;

  /**
   * Client info before the first borrower changed it: a copy, captured on first change (drivers
   * such as PostgreSQL's and MariaDB's return their live map, which the change would rewrite).
   */
  Properties clientInfo;

  /** Client-info names the current borrower set, each restored to its baseline (or unset). */
  final java.util.Set<String> clientInfoNames = new java.util.TreeSet<>();

  /** Attributes the current borrower changed. */
  final EnumSet<DirtyAttribute> dirty = EnumSet.noneOf(DirtyAttribute.class);

  /** Whether the current borrower obtained the driver's own object through unwrap. */
  boolean exposed;

  PooledConnection(
      Connection raw,
      String product,
      boolean autoCommit,
      int isolation,
      boolean readOnly,
      String catalog,
      String schema,
      int networkTimeoutMillis) {
    this.raw = raw;
    this.product = product;
    this.autoCommit = autoCommit;
    this.isolation = isolation;
    this.readOnly = readOnly;
    this.catalog = catalog;
    this.schema = schema;
    this.networkTimeoutMillis = networkTimeoutMillis;
  }

  /** Marks an attribute changed before the driver is asked to change it. */
  void markDirty(DirtyAttribute a) {
    dirty.add(a);
  }

  /** Forgets a change after the borrower successfully set the attribute back to its baseline. */
  void markClean(DirtyAttribute a) {
    dirty.remove(a);
  }

  @Override
  public String toString() {
    return raw.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(raw));
  }
}
