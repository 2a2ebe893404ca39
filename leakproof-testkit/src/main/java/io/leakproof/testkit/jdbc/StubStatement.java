package io.leakproof.testkit.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A statement that executes nothing: {@code execute} returns {@code false} (no result set),
 * {@code executeUpdate} returns 0, {@code executeQuery} returns a fresh empty
 * {@link StubResultSet}. Serves {@code createStatement} and {@code prepareStatement} alike.
 * Used by one thread at a time.
 */
@SuppressWarnings("UngroupedOverloads") // one line per method, in the interface's alphabetical order
final class StubStatement extends StubWrapper implements PreparedStatement {

  private final Connection connection;
  private boolean closed;
  private int queryTimeoutSeconds;

  StubStatement(Connection connection) {
    this.connection = connection;
  }

  // ---- Behaviour a pool relies on ----

  @Override public Connection getConnection() throws SQLException { return connection; }
  @Override public boolean isClosed() throws SQLException { return closed; }
  @Override public void close() throws SQLException { closed = true; }
  @Override public ResultSet executeQuery() throws SQLException { return new StubResultSet(this); }
  @Override public ResultSet executeQuery(String arg) throws SQLException { return new StubResultSet(this); }
  @Override public ResultSet getGeneratedKeys() throws SQLException { return new StubResultSet(this); }
  @Override public int[] executeBatch() throws SQLException { return new int[0]; }
  @Override public long[] executeLargeBatch() throws SQLException { return new long[0]; }
  @Override public int getUpdateCount() throws SQLException { return -1; }
  @Override public long getLargeUpdateCount() throws SQLException { return -1; }
  @Override public int getResultSetType() throws SQLException { return ResultSet.TYPE_FORWARD_ONLY; }
  @Override public int getResultSetConcurrency() throws SQLException { return ResultSet.CONCUR_READ_ONLY; }
  @Override public int getResultSetHoldability() throws SQLException { return ResultSet.HOLD_CURSORS_OVER_COMMIT; }
  @Override public int getFetchDirection() throws SQLException { return ResultSet.FETCH_FORWARD; }
  @Override public int getQueryTimeout() throws SQLException { return queryTimeoutSeconds; }
  @Override public void setQueryTimeout(int value) throws SQLException { queryTimeoutSeconds = value; }
  @Override public boolean isPoolable() throws SQLException { return true; }

  // ---- Not supported: fails at once rather than pretending ----

  @Override public ParameterMetaData getParameterMetaData() throws SQLException { throw StubConnection.unsupported("metadata"); }
  @Deprecated @Override public void setUnicodeStream(int column, InputStream value, int c) throws SQLException { throw StubConnection.unsupported("setUnicodeStream"); }

  // ---- Everything else: a no-op returning the type's default ----

  @Override public void addBatch() throws SQLException {}
  @Override public void addBatch(String arg) throws SQLException {}
  @Override public void cancel() throws SQLException {}
  @Override public void clearBatch() throws SQLException {}
  @Override public void clearParameters() throws SQLException {}
  @Override public void clearWarnings() throws SQLException {}
  @Override public void closeOnCompletion() throws SQLException {}
  @Override public boolean execute() throws SQLException { return false; }
  @Override public boolean execute(String a, int[] b) throws SQLException { return false; }
  @Override public boolean execute(String a, String[] b) throws SQLException { return false; }
  @Override public boolean execute(String a, int b) throws SQLException { return false; }
  @Override public boolean execute(String arg) throws SQLException { return false; }
  @Override public int executeUpdate() throws SQLException { return 0; }
  @Override public int executeUpdate(String a, int[] b) throws SQLException { return 0; }
  @Override public int executeUpdate(String a, String[] b) throws SQLException { return 0; }
  @Override public int executeUpdate(String a, int b) throws SQLException { return 0; }
  @Override public int executeUpdate(String arg) throws SQLException { return 0; }
  @Override public int getFetchSize() throws SQLException { return 0; }
  @Override public int getMaxFieldSize() throws SQLException { return 0; }
  @Override public int getMaxRows() throws SQLException { return 0; }
  @Override public ResultSetMetaData getMetaData() throws SQLException { return null; }
  @Override public boolean getMoreResults() throws SQLException { return false; }
  @Override public boolean getMoreResults(int column) throws SQLException { return false; }
  @Override public ResultSet getResultSet() throws SQLException { return null; }
  @Override public SQLWarning getWarnings() throws SQLException { return null; }
  @Override public boolean isCloseOnCompletion() throws SQLException { return false; }
  @Override public void setArray(int column, Array value) throws SQLException {}
  @Override public void setAsciiStream(int column, InputStream value, int c) throws SQLException {}
  @Override public void setAsciiStream(int column, InputStream value, long c) throws SQLException {}
  @Override public void setAsciiStream(int column, InputStream value) throws SQLException {}
  @Override public void setBigDecimal(int column, BigDecimal value) throws SQLException {}
  @Override public void setBinaryStream(int column, InputStream value, int c) throws SQLException {}
  @Override public void setBinaryStream(int column, InputStream value, long c) throws SQLException {}
  @Override public void setBinaryStream(int column, InputStream value) throws SQLException {}
  @Override public void setBlob(int column, InputStream value, long c) throws SQLException {}
  @Override public void setBlob(int column, InputStream value) throws SQLException {}
  @Override public void setBlob(int column, Blob value) throws SQLException {}
  @Override public void setBoolean(int column, boolean value) throws SQLException {}
  @Override public void setByte(int column, byte value) throws SQLException {}
  @Override public void setBytes(int column, byte[] value) throws SQLException {}
  @Override public void setCharacterStream(int column, Reader value, int c) throws SQLException {}
  @Override public void setCharacterStream(int column, Reader value, long c) throws SQLException {}
  @Override public void setCharacterStream(int column, Reader value) throws SQLException {}
  @Override public void setClob(int column, Reader value, long c) throws SQLException {}
  @Override public void setClob(int column, Reader value) throws SQLException {}
  @Override public void setClob(int column, Clob value) throws SQLException {}
  @Override public void setCursorName(String value) throws SQLException {}
  @Override public void setDate(int column, Date value, Calendar c) throws SQLException {}
  @Override public void setDate(int column, Date value) throws SQLException {}
  @Override public void setDouble(int column, double value) throws SQLException {}
  @Override public void setEscapeProcessing(boolean value) throws SQLException {}
  @Override public void setFetchDirection(int value) throws SQLException {}
  @Override public void setFetchSize(int value) throws SQLException {}
  @Override public void setFloat(int column, float value) throws SQLException {}
  @Override public void setInt(int column, int value) throws SQLException {}
  @Override public void setLong(int column, long value) throws SQLException {}
  @Override public void setMaxFieldSize(int value) throws SQLException {}
  @Override public void setMaxRows(int value) throws SQLException {}
  @Override public void setNCharacterStream(int column, Reader value, long c) throws SQLException {}
  @Override public void setNCharacterStream(int column, Reader value) throws SQLException {}
  @Override public void setNClob(int column, Reader value, long c) throws SQLException {}
  @Override public void setNClob(int column, Reader value) throws SQLException {}
  @Override public void setNClob(int column, NClob value) throws SQLException {}
  @Override public void setNString(int column, String value) throws SQLException {}
  @Override public void setNull(int column, int value, String c) throws SQLException {}
  @Override public void setNull(int column, int value) throws SQLException {}
  @Override public void setObject(int column, Object value, int c, int d) throws SQLException {}
  @Override public void setObject(int column, Object value, int c) throws SQLException {}
  @Override public void setObject(int column, Object value) throws SQLException {}
  @Override public void setPoolable(boolean value) throws SQLException {}
  @Override public void setRef(int column, Ref value) throws SQLException {}
  @Override public void setRowId(int column, RowId value) throws SQLException {}
  @Override public void setSQLXML(int column, SQLXML value) throws SQLException {}
  @Override public void setShort(int column, short value) throws SQLException {}
  @Override public void setString(int column, String value) throws SQLException {}
  @Override public void setTime(int column, Time value, Calendar c) throws SQLException {}
  @Override public void setTime(int column, Time value) throws SQLException {}
  @Override public void setTimestamp(int column, Timestamp value, Calendar c) throws SQLException {}
  @Override public void setTimestamp(int column, Timestamp value) throws SQLException {}
  @Override public void setURL(int column, URL value) throws SQLException {}
}
