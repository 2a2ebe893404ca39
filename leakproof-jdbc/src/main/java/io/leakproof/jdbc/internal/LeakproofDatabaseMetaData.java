package io.leakproof.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The DatabaseMetaData a borrower gets: {@link #getConnection()} returns the connection handle, and
 * its result sets are wrapped and tracked by the connection.
 */
final class LeakproofDatabaseMetaData extends DatabaseMetaDataDelegation {

  private final LeakproofConnection connection;
  private final DatabaseMetaData raw;

  LeakproofDatabaseMetaData(LeakproofConnection connection, DatabaseMetaData raw) {
    this.connection = connection;
    this.raw = raw;
  }

  @Override
  DatabaseMetaData metaData() throws SQLException {
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

  @Override
  ResultSet wrap(ResultSet rs) {
    if (rs == null) {
      return null;
    }
    LeakproofResultSet w = new LeakproofResultSet(connection, null, rs);
    connection.adopt(w);
    return w;
  }

  @Override
  public Connection getConnection() throws SQLException {
    connection.checkOpen();
    return connection;
  }

  @Override
  public int getDriverMajorVersion() {
    return raw.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return raw.getDriverMinorVersion();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    DatabaseMetaData m = metaData();
    try {
      T t = iface.isInstance(m) ? iface.cast(m) : m.unwrap(iface);
      connection.exposeRaw(); // the driver's metadata reaches the driver's connection
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
    DatabaseMetaData m = metaData();
    try {
      return iface.isInstance(m) || m.isWrapperFor(iface);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      fence();
    }
  }

  @Override
  public String toString() {
    return "LeakproofDatabaseMetaData[" + raw + "]";
  }
}
