package example.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Application code that misuses connections in the ways docs/articles.md describes. */
// These methods leak on purpose: the tests prove that the pool finds and reclaims what they drop.
@SuppressWarnings({"MustBeClosedChecker", "resource"})
public final class Borrowers {

  private Borrowers() {}

  /**
   * Borrows a connection, starts a transaction that locks a row, and drops the connection without
   * closing it.
   *
   * @param ds the data source
   * @param lockSql an update that takes a row lock
   * @param pidSql a query returning the server session id
   * @return the server session id of the leaked connection
   * @throws SQLException if the database fails
   */
  public static long leakOpenTransaction(DataSource ds, String lockSql, String pidSql)
      throws SQLException {
    Connection c = ds.getConnection();
    c.setAutoCommit(false);
    Statement s = c.createStatement();
    s.executeUpdate(lockSql);
    try (ResultSet rs = s.executeQuery(pidSql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Borrows a connection, runs a query and drops the connection with its ResultSet still open.
   *
   * @param ds the data source
   * @param pidSql a query returning the server session id
   * @return the server session id of the leaked connection
   * @throws SQLException if the database fails
   */
  public static long leakOpenResultSet(DataSource ds, String pidSql) throws SQLException {
    Connection c = ds.getConnection();
    PreparedStatement ps = c.prepareStatement(pidSql);
    ResultSet rs = ps.executeQuery();
    rs.next();
    return rs.getLong(1);
  }

  /**
   * Borrows a connection and returns only a ResultSet of it: the connection is not leaked while
   * the caller holds the ResultSet.
   *
   * @param ds the data source
   * @param sql the query
   * @return the open ResultSet
   * @throws SQLException if the database fails
   */
  public static ResultSet queryAndKeepOnlyTheResultSet(DataSource ds, String sql)
      throws SQLException {
    return ds.getConnection().createStatement().executeQuery(sql);
  }

  /**
   * Borrows a connection (the caller closes it); the lease's call site is this method.
   *
   * @param ds the data source
   * @return the connection
   * @throws SQLException if the database fails
   */
  public static Connection borrow(DataSource ds) throws SQLException {
    return ds.getConnection();
  }

  /**
   * Borrows a connection and drops it.
   *
   * @param ds the data source
   * @throws SQLException if the database fails
   */
  public static void leakConnection(DataSource ds) throws SQLException {
    ds.getConnection().isValid(1);
  }

  /**
   * Opens two statements and a result set on a connection and forgets to close them.
   *
   * @param c the connection
   * @param sql a query
   * @throws SQLException if the database fails
   */
  public static void leaveStatementsOpen(Connection c, String sql) throws SQLException {
    Statement s = c.createStatement();
    s.executeQuery(sql);
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(5);
  }

  /**
   * Creates statements on a connection, closing the first ones and leaving the rest open.
   *
   * @param c the connection
   * @param closed how many statements are created and closed first
   * @param open how many are then created and left open
   * @throws SQLException if the database fails
   */
  public static void runThenLeaveOpen(Connection c, int closed, int open) throws SQLException {
    for (int i = 0; i < closed; i++) {
      c.createStatement().close();
    }
    for (int i = 0; i < open; i++) {
      c.createStatement();
    }
  }
}
