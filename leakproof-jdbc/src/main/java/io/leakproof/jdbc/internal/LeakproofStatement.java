package io.leakproof.jdbc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The Statement a borrower gets: it keeps its connection handle reachable, tracks its result sets,
 * and stops reaching the driver once it or its connection is closed. The subclasses add
 * PreparedStatement and CallableStatement through generated delegation.
 *
 * <p>Implementation notes. {@link #closed} is written with release and read with acquire
 * semantics because a connection closing on one thread closes the statements another thread may
 * still hold; the check in {@link #statement()} then fails with "Statement is closed" (and the
 * connection's own check with "Connection is closed") instead of reaching a driver object that may
 * belong to another borrower's session. The result-set list is created on the first result set.
 */
class LeakproofStatement extends StatementDelegation implements Child {

  final LeakproofConnection connection;
  private final Statement raw;
  private final StackTraceElement site;
  private static final VarHandle RESULTS;
  private static final VarHandle CLOSED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      RESULTS = lookup.findVarHandle(LeakproofStatement.class, "results", ChildList.class);
      CLOSED = lookup.findVarHandle(LeakproofStatement.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Created on the first result set (most statements of an update workload never have one).
  @SuppressWarnings("unused") // accessed through RESULTS
  private volatile ChildList results;
  // Written with release and read with acquire semantics: cheap on the hot path, and enough
  // for a close on one thread to be seen by another.
  @SuppressWarnings("unused") // accessed through CLOSED
  private boolean closed;
  private LeakproofResultSet current;

  /**
   * Wraps a driver statement.
   *
   * @param connection the connection handle
   * @param raw the driver's statement
   * @param site where it was created, or null when not captured
   */
  LeakproofStatement(LeakproofConnection connection, Statement raw, StackTraceElement site) {
    this.connection = connection;
    this.raw = raw;
    this.site = site;
  }

  // ------------------------------------------------------------------ hooks of the delegation

  private boolean isMarkedClosed() {
    return (boolean) CLOSED.getAcquire(this);
  }

  @Override
  final Statement statement() throws SQLException {
    if (isMarkedClosed()) {
      throw new SQLException("Statement is closed", "HY010");
    }
    connection.checkOpen();
    return raw;
  }

  @Override
  final SQLException failure(SQLException e) {
    return connection.failure(e);
  }

  @Override
  final void fence() {
    connection.fence();
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the same driver result set gets the same wrapper
  final ResultSet wrap(ResultSet rs) throws SQLException {
    if (rs == null) {
      return null;
    }
    LeakproofResultSet cur = current;
    if (cur != null && cur.raw == rs && !cur.isMarkedClosed()) {
      return cur;
    }
    LeakproofResultSet w = new LeakproofResultSet(connection, this, rs);
    ChildList list = results;
    if (list == null) {
      RESULTS.compareAndSet(this, (ChildList) null, new ChildList());
      list = results;
    }
    if (list.add(w)) {
      list.prune();
    }
    current = w;
    return w;
  }

  void applyDefaultQueryTimeout(int seconds) throws SQLException {
    raw.setQueryTimeout(seconds);
  }

  /** Returns how many result sets are tracked now (for tests of the pruning). */
  int trackedResultSets() {
    ChildList list = results;
    return list == null ? 0 : list.size();
  }

  /** Stops tracking a result set the borrower closed. */
  void forget(LeakproofResultSet rs) {
    ChildList list = results;
    if (list != null) {
      list.remove(rs);
    }
  }

  // ------------------------------------------------------------------ policy

  @Override
  public final void close() throws SQLException {
    if (isMarkedClosed()) {
      return;
    }
    CLOSED.setRelease(this, true);
    connection.forget(this);
    ChildList list = results;
    for (Child c : list == null ? List.<Child>of() : list.drain()) {
      ((LeakproofResultSet) c).markClosed(); // the driver closes them with the statement
    }
    if (!connection.isOpen()) {
      return; // the connection closed them; the driver object may now serve another borrower
    }
    try {
      raw.close();
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public final boolean isClosed() throws SQLException {
    if (isMarkedClosed() || !connection.isOpen()) {
      return true;
    }
    try {
      return raw.isClosed();
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public final Connection getConnection() throws SQLException {
    statement();
    return connection;
  }

  @Override
  public final <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    Statement s = statement();
    try {
      T t = iface.isInstance(s) ? iface.cast(s) : s.unwrap(iface);
      connection.exposeRaw(); // the driver's statement reaches the driver's connection
      return t;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public final boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    Statement s = statement();
    try {
      return iface.isInstance(s) || s.isWrapperFor(iface);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  // ------------------------------------------------------------------ as a child of the connection

  @Override
  public final void closeLeftover(JdbcContext.Leftovers tally) {
    if (isMarkedClosed()) {
      return;
    }
    CLOSED.setRelease(this, true);
    boolean open = !closedByDriver();
    if (open) {
      tally.statements++;
      tally.site(site);
    }
    ChildList list = results;
    for (Child c : list == null ? List.<Child>of() : list.drain()) {
      c.closeLeftover(tally);
    }
    if (open) {
      try {
        raw.close();
      } catch (SQLException e) {
        failure(e);
      }
    }
  }

  @Override
  public final boolean closedByDriver() {
    try {
      return raw.isClosed();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + raw + "]";
  }
}
