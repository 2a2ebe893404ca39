package io.leakproof.testkit.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A vendor {@link DataSource} over the stub driver: {@link #getConnection()} returns a new stub
 * connection at once. Hand it to a pool that wraps a vendor data source (HikariCP's
 * {@code setDataSource}, Tomcat JDBC's {@code setDataSource}, Vibur's external data source...).
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setDataSource(new StubDataSource());
 * }</pre>
 */
public final class StubDataSource extends StubWrapper implements DataSource {

  private volatile PrintWriter logWriter;
  private volatile int loginTimeoutSeconds;

  /** Creates a data source; every instance hands out independent stub connections. */
  public StubDataSource() {}

  @Override
  public Connection getConnection() {
    return new StubConnection();
  }

  @Override
  public Connection getConnection(String username, String password) {
    return new StubConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw StubConnection.unsupported("java.util.logging");
  }
}
