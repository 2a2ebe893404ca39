package io.leakproof.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The ResultSet a borrower gets: it keeps its connection handle reachable (a borrower iterating a
 * ResultSet whose Connection and Statement it dropped is not leaking) and stops reaching the
 * driver once it, its statement or its connection is closed.
 */
final class LeakproofResultSet extends ResultSetDelegation implements Child {

  private final LeakproofConnection connection;
  private final LeakproofStatement owner;
  final ResultSet raw;
  private volatile boolean closed;

  /**
   * Wraps a driver result set.
   *
   * @param connection the connection handle
   * @param owner the statement wrapper, or null for a DatabaseMetaData result set
   * @param raw the driver's result set
   */
  LeakproofResultSet(LeakproofConnection connection, LeakproofStatement owner, ResultSet raw) {
    this.connection = connection;
    this.owner = owner;
    this.raw = raw;
  }

  @Override
  ResultSet resultSet() throws SQLException {
    if (closed) {
      throw new SQLException("ResultSet is closed", "24000");
    }
    connection.checkOpen();
    return raw;
  }

  @Override
  SQLException failure(SQLException e) {
    return connection.failure(e);
  }

  @Override
  void fence() {
    connection.fence();
  }

  void markClosed() {
    closed = true;
  }

  boolean isMarkedClosed() {
    return closed;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (owner != null) {
      owner.forget(this);
    } else {
      connection.forget(this);
    }
    if (!connection.isOpen()) {
      return;
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
  public boolean isClosed() throws SQLException {
    if (closed || !connection.isOpen()) {
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

  /** Returns the statement wrapper, or null for a DatabaseMetaData result set (as JDBC allows). */
  @Override
  public Statement getStatement() throws SQLException {
    resultSet();
    return owner;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    ResultSet rs = resultSet();
    try {
      T t = iface.isInstance(rs) ? iface.cast(rs) : rs.unwrap(iface);
      connection.exposeRaw(); // the driver's result set reaches the driver's connection
      return t;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    ResultSet rs = resultSet();
    try {
      return iface.isInstance(rs) || rs.isWrapperFor(iface);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public void closeLeftover(JdbcContext.Leftovers tally) {
    if (closed) {
      return;
    }
    closed = true;
    if (closedByDriver()) {
      return;
    }
    tally.resultSets++;
    try {
      raw.close();
    } catch (SQLException e) {
      failure(e);
    }
  }

  @Override
  public boolean closedByDriver() {
    try {
      return raw.isClosed();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return "LeakproofResultSet[" + raw + "]";
  }
}
