package io.leakproof.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A {@link BenchPool} over a JDBC pool's {@link DataSource}: borrow is {@code getConnection()},
 * return is {@code Connection.close()}, exactly what an application does.
 */
final class DataSourcePool implements BenchPool {

  private final DataSource dataSource;
  private final AutoCloseable closer;

  /**
   * Wraps a pool.
   *
   * @param dataSource the pool's data source
   * @param closer shuts the pool down
   */
  DataSourcePool(DataSource dataSource, AutoCloseable closer) {
    this.dataSource = dataSource;
    this.closer = closer;
  }

  @Override
  public Object cycle() throws SQLException {
    Connection c = dataSource.getConnection();
    c.close();
    return c;
  }

  @Override
  @SuppressWarnings("MustBeClosedChecker") // a leak is what the leak storm measures
  public Object leak() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public Held hold() throws SQLException {
    Connection c = dataSource.getConnection();
    return new Held() {
      @Override
      public Connection connection() {
        return c;
      }

      @Override
      public void close() throws SQLException {
        c.close();
      }
    };
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      System.err.println("closing " + dataSource.getClass().getName() + " failed: " + e);
    }
  }
}
