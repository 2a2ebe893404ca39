package io.leakproof.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.testkit.jdbc.StubDataSource;
import io.leakproof.testkit.jdbc.StubDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.junit.jupiter.api.Test;

/** The testkit's stub driver does what the benchmarks and the pools they measure rely on. */
class StubDriverTest {

  @Test
  void driverManagerFindsTheStubDriverByUrl() throws SQLException {
    try (Connection c = DriverManager.getConnection(StubDriver.URL)) {
      assertThat(c.isValid(1)).isTrue();
      assertThat(DriverManager.getDriver("jdbc:stub:anything")).isInstanceOf(StubDriver.class);
    }
  }

  @Test
  void connectionKeepsTheAttributesAPoolResets() throws SQLException {
    try (Connection c = new StubDataSource().getConnection()) {
      assertThat(c.getAutoCommit()).isTrue();
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setSchema("s");
      assertThat(c.getAutoCommit()).isFalse();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(c.getSchema()).isEqualTo("s");
    }
  }

  @Test
  void statementsExecuteNothingAndResultsAreEmpty() throws SQLException {
    try (Connection c = new StubDataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        ResultSet rs = ps.executeQuery()) {
      assertThat(ps.execute()).isFalse();
      assertThat(ps.executeUpdate()).isZero();
      assertThat(ps.getConnection()).isSameAs(c);
      assertThat(rs.next()).isFalse();
      assertThat(rs.getStatement()).isSameAs(ps);
      assertThat(c.prepareStatement("x")).isNotSameAs(ps);
    }
  }

  @Test
  void closeIsCountedOnce() throws SQLException {
    int before = StubDriver.openConnections();
    Connection c = new StubDataSource().getConnection();
    assertThat(StubDriver.openConnections()).isEqualTo(before + 1);
    c.close();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(c.isValid(1)).isFalse();
    assertThat(StubDriver.openConnections()).isEqualTo(before);
  }

  @Test
  void unsupportedFeaturesFailAtOnce() throws SQLException {
    try (Connection c = new StubDataSource().getConnection()) {
      assertThatThrownBy(() -> c.prepareCall("{call p()}"))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("stored procedures");
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
      assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
    }
  }
}
