package io.leakproof.testkit.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * An empty result: {@link #next()} is always {@code false}; column getters return the type's
 * default and {@link #wasNull()} says so. Used by one thread at a time.
 */
@SuppressWarnings("UngroupedOverloads") // one line per method, in the interface's alphabetical order
final class StubResultSet extends StubWrapper implements ResultSet {

  private final Statement statement;
  private boolean closed;

  StubResultSet(Statement statement) {
    this.statement = statement;
  }

  // ---- Behaviour: an empty, forward-only, read-only result ----

  @Override public boolean next() throws SQLException { return false; }
  @Override public Statement getStatement() throws SQLException { return statement; }
  @Override public boolean isClosed() throws SQLException { return closed; }
  @Override public void close() throws SQLException { closed = true; }
  @Override public int getType() throws SQLException { return TYPE_FORWARD_ONLY; }
  @Override public int getConcurrency() throws SQLException { return CONCUR_READ_ONLY; }
  @Override public int getHoldability() throws SQLException { return HOLD_CURSORS_OVER_COMMIT; }
  @Override public int getFetchDirection() throws SQLException { return FETCH_FORWARD; }
  @Override public boolean wasNull() throws SQLException { return true; }
  @Override public int findColumn(String arg) throws SQLException { throw new SQLException("stub result set has no column " + arg); }

  // ---- Not supported: fails at once rather than pretending ----

  @Override public ResultSetMetaData getMetaData() throws SQLException { throw StubConnection.unsupported("metadata"); }
  @Deprecated @Override public BigDecimal getBigDecimal(String column, int b) throws SQLException { throw StubConnection.unsupported("getBigDecimal with scale"); }
  @Deprecated @Override public BigDecimal getBigDecimal(int column, int b) throws SQLException { throw StubConnection.unsupported("getBigDecimal with scale"); }
  @Deprecated @Override public InputStream getUnicodeStream(String column) throws SQLException { throw StubConnection.unsupported("getUnicodeStream"); }
  @Deprecated @Override public InputStream getUnicodeStream(int column) throws SQLException { throw StubConnection.unsupported("getUnicodeStream"); }

  // ---- Everything else: a no-op returning the type's default ----

  @Override public boolean absolute(int arg) throws SQLException { return false; }
  @Override public void afterLast() throws SQLException {}
  @Override public void beforeFirst() throws SQLException {}
  @Override public void cancelRowUpdates() throws SQLException {}
  @Override public void clearWarnings() throws SQLException {}
  @Override public void deleteRow() throws SQLException {}
  @Override public boolean first() throws SQLException { return false; }
  @Override public Array getArray(String column) throws SQLException { return null; }
  @Override public Array getArray(int column) throws SQLException { return null; }
  @Override public InputStream getAsciiStream(String column) throws SQLException { return null; }
  @Override public InputStream getAsciiStream(int column) throws SQLException { return null; }
  @Override public BigDecimal getBigDecimal(String column) throws SQLException { return null; }
  @Override public BigDecimal getBigDecimal(int column) throws SQLException { return null; }
  @Override public InputStream getBinaryStream(String column) throws SQLException { return null; }
  @Override public InputStream getBinaryStream(int column) throws SQLException { return null; }
  @Override public Blob getBlob(String column) throws SQLException { return null; }
  @Override public Blob getBlob(int column) throws SQLException { return null; }
  @Override public boolean getBoolean(String column) throws SQLException { return false; }
  @Override public boolean getBoolean(int column) throws SQLException { return false; }
  @Override public byte getByte(String column) throws SQLException { return 0; }
  @Override public byte getByte(int column) throws SQLException { return 0; }
  @Override public byte[] getBytes(String column) throws SQLException { return null; }
  @Override public byte[] getBytes(int column) throws SQLException { return null; }
  @Override public Reader getCharacterStream(String column) throws SQLException { return null; }
  @Override public Reader getCharacterStream(int column) throws SQLException { return null; }
  @Override public Clob getClob(String column) throws SQLException { return null; }
  @Override public Clob getClob(int column) throws SQLException { return null; }
  @Override public String getCursorName() throws SQLException { return null; }
  @Override public Date getDate(String column, Calendar b) throws SQLException { return null; }
  @Override public Date getDate(String column) throws SQLException { return null; }
  @Override public Date getDate(int column, Calendar b) throws SQLException { return null; }
  @Override public Date getDate(int column) throws SQLException { return null; }
  @Override public double getDouble(String column) throws SQLException { return 0; }
  @Override public double getDouble(int column) throws SQLException { return 0; }
  @Override public int getFetchSize() throws SQLException { return 0; }
  @Override public float getFloat(String column) throws SQLException { return 0; }
  @Override public float getFloat(int column) throws SQLException { return 0; }
  @Override public int getInt(String column) throws SQLException { return 0; }
  @Override public int getInt(int column) throws SQLException { return 0; }
  @Override public long getLong(String column) throws SQLException { return 0; }
  @Override public long getLong(int column) throws SQLException { return 0; }
  @Override public Reader getNCharacterStream(String column) throws SQLException { return null; }
  @Override public Reader getNCharacterStream(int column) throws SQLException { return null; }
  @Override public NClob getNClob(String column) throws SQLException { return null; }
  @Override public NClob getNClob(int column) throws SQLException { return null; }
  @Override public String getNString(String column) throws SQLException { return null; }
  @Override public String getNString(int column) throws SQLException { return null; }
  @Override public <T> T getObject(String column, Class<T> b) throws SQLException { return null; }
  @Override public Object getObject(String column, Map<String, Class<?>> b) throws SQLException { return null; }
  @Override public Object getObject(String column) throws SQLException { return null; }
  @Override public <T> T getObject(int column, Class<T> b) throws SQLException { return null; }
  @Override public Object getObject(int column, Map<String, Class<?>> b) throws SQLException { return null; }
  @Override public Object getObject(int column) throws SQLException { return null; }
  @Override public Ref getRef(String column) throws SQLException { return null; }
  @Override public Ref getRef(int column) throws SQLException { return null; }
  @Override public int getRow() throws SQLException { return 0; }
  @Override public RowId getRowId(String column) throws SQLException { return null; }
  @Override public RowId getRowId(int column) throws SQLException { return null; }
  @Override public SQLXML getSQLXML(String column) throws SQLException { return null; }
  @Override public SQLXML getSQLXML(int column) throws SQLException { return null; }
  @Override public short getShort(String column) throws SQLException { return 0; }
  @Override public short getShort(int column) throws SQLException { return 0; }
  @Override public String getString(String column) throws SQLException { return null; }
  @Override public String getString(int column) throws SQLException { return null; }
  @Override public Time getTime(String column, Calendar b) throws SQLException { return null; }
  @Override public Time getTime(String column) throws SQLException { return null; }
  @Override public Time getTime(int column, Calendar b) throws SQLException { return null; }
  @Override public Time getTime(int column) throws SQLException { return null; }
  @Override public Timestamp getTimestamp(String column, Calendar b) throws SQLException { return null; }
  @Override public Timestamp getTimestamp(String column) throws SQLException { return null; }
  @Override public Timestamp getTimestamp(int column, Calendar b) throws SQLException { return null; }
  @Override public Timestamp getTimestamp(int column) throws SQLException { return null; }
  @Override public URL getURL(String column) throws SQLException { return null; }
  @Override public URL getURL(int column) throws SQLException { return null; }
  @Override public SQLWarning getWarnings() throws SQLException { return null; }
  @Override public void insertRow() throws SQLException {}
  @Override public boolean isAfterLast() throws SQLException { return false; }
  @Override public boolean isBeforeFirst() throws SQLException { return false; }
  @Override public boolean isFirst() throws SQLException { return false; }
  @Override public boolean isLast() throws SQLException { return false; }
  @Override public boolean last() throws SQLException { return false; }
  @Override public void moveToCurrentRow() throws SQLException {}
  @Override public void moveToInsertRow() throws SQLException {}
  @Override public boolean previous() throws SQLException { return false; }
  @Override public void refreshRow() throws SQLException {}
  @Override public boolean relative(int arg) throws SQLException { return false; }
  @Override public boolean rowDeleted() throws SQLException { return false; }
  @Override public boolean rowInserted() throws SQLException { return false; }
  @Override public boolean rowUpdated() throws SQLException { return false; }
  @Override public void setFetchDirection(int value) throws SQLException {}
  @Override public void setFetchSize(int value) throws SQLException {}
  @Override public void updateArray(String column, Array value) throws SQLException {}
  @Override public void updateArray(int column, Array value) throws SQLException {}
  @Override public void updateAsciiStream(String column, InputStream value, int c) throws SQLException {}
  @Override public void updateAsciiStream(String column, InputStream value, long c) throws SQLException {}
  @Override public void updateAsciiStream(String column, InputStream value) throws SQLException {}
  @Override public void updateAsciiStream(int column, InputStream value, int c) throws SQLException {}
  @Override public void updateAsciiStream(int column, InputStream value, long c) throws SQLException {}
  @Override public void updateAsciiStream(int column, InputStream value) throws SQLException {}
  @Override public void updateBigDecimal(String column, BigDecimal value) throws SQLException {}
  @Override public void updateBigDecimal(int column, BigDecimal value) throws SQLException {}
  @Override public void updateBinaryStream(String column, InputStream value, int c) throws SQLException {}
  @Override public void updateBinaryStream(String column, InputStream value, long c) throws SQLException {}
  @Override public void updateBinaryStream(String column, InputStream value) throws SQLException {}
  @Override public void updateBinaryStream(int column, InputStream value, int c) throws SQLException {}
  @Override public void updateBinaryStream(int column, InputStream value, long c) throws SQLException {}
  @Override public void updateBinaryStream(int column, InputStream value) throws SQLException {}
  @Override public void updateBlob(String column, InputStream value, long c) throws SQLException {}
  @Override public void updateBlob(String column, InputStream value) throws SQLException {}
  @Override public void updateBlob(String column, Blob value) throws SQLException {}
  @Override public void updateBlob(int column, InputStream value, long c) throws SQLException {}
  @Override public void updateBlob(int column, InputStream value) throws SQLException {}
  @Override public void updateBlob(int column, Blob value) throws SQLException {}
  @Override public void updateBoolean(String column, boolean value) throws SQLException {}
  @Override public void updateBoolean(int column, boolean value) throws SQLException {}
  @Override public void updateByte(String column, byte value) throws SQLException {}
  @Override public void updateByte(int column, byte value) throws SQLException {}
  @Override public void updateBytes(String column, byte[] value) throws SQLException {}
  @Override public void updateBytes(int column, byte[] value) throws SQLException {}
  @Override public void updateCharacterStream(String column, Reader value, int c) throws SQLException {}
  @Override public void updateCharacterStream(String column, Reader value, long c) throws SQLException {}
  @Override public void updateCharacterStream(String column, Reader value) throws SQLException {}
  @Override public void updateCharacterStream(int column, Reader value, int c) throws SQLException {}
  @Override public void updateCharacterStream(int column, Reader value, long c) throws SQLException {}
  @Override public void updateCharacterStream(int column, Reader value) throws SQLException {}
  @Override public void updateClob(String column, Reader value, long c) throws SQLException {}
  @Override public void updateClob(String column, Reader value) throws SQLException {}
  @Override public void updateClob(String column, Clob value) throws SQLException {}
  @Override public void updateClob(int column, Reader value, long c) throws SQLException {}
  @Override public void updateClob(int column, Reader value) throws SQLException {}
  @Override public void updateClob(int column, Clob value) throws SQLException {}
  @Override public void updateDate(String column, Date value) throws SQLException {}
  @Override public void updateDate(int column, Date value) throws SQLException {}
  @Override public void updateDouble(String column, double value) throws SQLException {}
  @Override public void updateDouble(int column, double value) throws SQLException {}
  @Override public void updateFloat(String column, float value) throws SQLException {}
  @Override public void updateFloat(int column, float value) throws SQLException {}
  @Override public void updateInt(String column, int value) throws SQLException {}
  @Override public void updateInt(int column, int value) throws SQLException {}
  @Override public void updateLong(String column, long value) throws SQLException {}
  @Override public void updateLong(int column, long value) throws SQLException {}
  @Override public void updateNCharacterStream(String column, Reader value, long c) throws SQLException {}
  @Override public void updateNCharacterStream(String column, Reader value) throws SQLException {}
  @Override public void updateNCharacterStream(int column, Reader value, long c) throws SQLException {}
  @Override public void updateNCharacterStream(int column, Reader value) throws SQLException {}
  @Override public void updateNClob(String column, Reader value, long c) throws SQLException {}
  @Override public void updateNClob(String column, Reader value) throws SQLException {}
  @Override public void updateNClob(String column, NClob value) throws SQLException {}
  @Override public void updateNClob(int column, Reader value, long c) throws SQLException {}
  @Override public void updateNClob(int column, Reader value) throws SQLException {}
  @Override public void updateNClob(int column, NClob value) throws SQLException {}
  @Override public void updateNString(String column, String value) throws SQLException {}
  @Override public void updateNString(int column, String value) throws SQLException {}
  @Override public void updateNull(String column) throws SQLException {}
  @Override public void updateNull(int column) throws SQLException {}
  @Override public void updateObject(String column, Object value, int c) throws SQLException {}
  @Override public void updateObject(String column, Object value) throws SQLException {}
  @Override public void updateObject(int column, Object value, int c) throws SQLException {}
  @Override public void updateObject(int column, Object value) throws SQLException {}
  @Override public void updateRef(String column, Ref value) throws SQLException {}
  @Override public void updateRef(int column, Ref value) throws SQLException {}
  @Override public void updateRow() throws SQLException {}
  @Override public void updateRowId(String column, RowId value) throws SQLException {}
  @Override public void updateRowId(int column, RowId value) throws SQLException {}
  @Override public void updateSQLXML(String column, SQLXML value) throws SQLException {}
  @Override public void updateSQLXML(int column, SQLXML value) throws SQLException {}
  @Override public void updateShort(String column, short value) throws SQLException {}
  @Override public void updateShort(int column, short value) throws SQLException {}
  @Override public void updateString(String column, String value) throws SQLException {}
  @Override public void updateString(int column, String value) throws SQLException {}
  @Override public void updateTime(String column, Time value) throws SQLException {}
  @Override public void updateTime(int column, Time value) throws SQLException {}
  @Override public void updateTimestamp(String column, Timestamp value) throws SQLException {}
  @Override public void updateTimestamp(int column, Timestamp value) throws SQLException {}
}
