package io.leakproof.testkit.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection to nowhere: every call returns at once. Statements are allocated fresh (one small
 * object each) so that pools which track their statements by identity see distinct objects.
 * The connection keeps the attributes a pool resets (auto-commit, read-only, isolation, catalog,
 * schema, holdability, network timeout) so that a pool reading them back sees what it set.
 *
 * <p>Stored procedures, savepoints, metadata and LOBs are not supported: those methods throw
 * {@link SQLFeatureNotSupportedException}. The stub does not police misuse: apart from
 * {@link #isClosed()} and {@link #isValid(int)}, nothing checks whether it was closed, because a
 * pool's own wrapper is what should catch that, and a check here would be measured with it.
 *
 * <p>Used by one borrower at a time, as a pool lends it; the attribute fields are plain, the
 * closed flag is volatile because pools read it from their housekeeping threads.
 */
@SuppressWarnings("UngroupedOverloads") // one line per method, in the interface's alphabetical order
final class StubConnection extends StubWrapper implements Connection {

  private boolean autoCommit = true;
  private boolean readOnly;
  private int isolation = TRANSACTION_READ_COMMITTED;
  private String catalog;
  private String schema;
  private int holdability = java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  private int networkTimeoutMillis;
  private volatile boolean closed;

  StubConnection() {
    StubDriver.connectionOpened();
  }

  static SQLFeatureNotSupportedException unsupported(String what) {
    return new SQLFeatureNotSupportedException("stub JDBC driver: " + what + " not supported");
  }

  // ---- Behaviour a pool relies on ----

  @Override public Statement createStatement() throws SQLException { return new StubStatement(this); }
  @Override public Statement createStatement(int a, int b) throws SQLException { return new StubStatement(this); }
  @Override public Statement createStatement(int a, int b, int c) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String arg) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String a, int b) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String a, int[] b) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String a, String[] b) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String a, int b, int c) throws SQLException { return new StubStatement(this); }
  @Override public PreparedStatement prepareStatement(String a, int b, int c, int d) throws SQLException { return new StubStatement(this); }

  @Override public boolean getAutoCommit() throws SQLException { return autoCommit; }
  @Override public void setAutoCommit(boolean value) throws SQLException { autoCommit = value; }
  @Override public boolean isReadOnly() throws SQLException { return readOnly; }
  @Override public void setReadOnly(boolean value) throws SQLException { readOnly = value; }
  @Override public int getTransactionIsolation() throws SQLException { return isolation; }
  @Override public void setTransactionIsolation(int value) throws SQLException { isolation = value; }
  @Override public String getCatalog() throws SQLException { return catalog; }
  @Override public void setCatalog(String value) throws SQLException { catalog = value; }
  @Override public String getSchema() throws SQLException { return schema; }
  @Override public void setSchema(String value) throws SQLException { schema = value; }
  @Override public int getHoldability() throws SQLException { return holdability; }
  @Override public void setHoldability(int value) throws SQLException { holdability = value; }
  @Override public int getNetworkTimeout() throws SQLException { return networkTimeoutMillis; }
  @Override public void setNetworkTimeout(Executor a, int value) throws SQLException { networkTimeoutMillis = value; }
  @Override public Map<String, Class<?>> getTypeMap() throws SQLException { return new HashMap<>(); }
  @Override public Properties getClientInfo() throws SQLException { return new Properties(); }
  @Override public String nativeSQL(String arg) throws SQLException { return arg; }

  @Override
  public boolean isValid(int timeoutSeconds) throws SQLException {
    if (timeoutSeconds < 0) {
      throw new SQLException("timeout must be >= 0 but was " + timeoutSeconds);
    }
    return !closed;
  }

  @Override public boolean isClosed() throws SQLException { return closed; }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      StubDriver.connectionClosed();
    }
  }

  @Override public void abort(Executor arg) throws SQLException { close(); }

  // ---- Not supported: fails at once rather than pretending ----

  @Override public CallableStatement prepareCall(String arg) throws SQLException { throw unsupported("stored procedures"); }
  @Override public CallableStatement prepareCall(String a, int b, int c) throws SQLException { throw unsupported("stored procedures"); }
  @Override public CallableStatement prepareCall(String a, int b, int c, int d) throws SQLException { throw unsupported("stored procedures"); }
  @Override public Savepoint setSavepoint() throws SQLException { throw unsupported("savepoints"); }
  @Override public Savepoint setSavepoint(String value) throws SQLException { throw unsupported("savepoints"); }
  @Override public DatabaseMetaData getMetaData() throws SQLException { throw unsupported("metadata"); }
  @Override public Array createArrayOf(String a, Object[] b) throws SQLException { throw unsupported("arrays"); }
  @Override public Blob createBlob() throws SQLException { throw unsupported("LOBs"); }
  @Override public Clob createClob() throws SQLException { throw unsupported("LOBs"); }
  @Override public NClob createNClob() throws SQLException { throw unsupported("LOBs"); }
  @Override public SQLXML createSQLXML() throws SQLException { throw unsupported("SQLXML"); }
  @Override public Struct createStruct(String a, Object[] b) throws SQLException { throw unsupported("structs"); }

  // ---- Everything else: a no-op returning the type's default ----

  @Override public void clearWarnings() throws SQLException {}
  @Override public void commit() throws SQLException {}
  @Override public String getClientInfo(String name) throws SQLException { return null; }
  @Override public SQLWarning getWarnings() throws SQLException { return null; }
  @Override public void releaseSavepoint(Savepoint arg) throws SQLException {}
  @Override public void rollback() throws SQLException {}
  @Override public void rollback(Savepoint arg) throws SQLException {}
  @Override public void setClientInfo(String name, String value) {}
  @Override public void setClientInfo(Properties value) {}
  @Override public void setTypeMap(Map<String, Class<?>> value) throws SQLException {}
}
