package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures evict a connection. */
class ConnectionFailureClassifierTest {

  private final ConnectionFailureClassifier standard = ConnectionFailureClassifier.standard();

  @Test
  void connectionExceptionStatesAreBrokenEverywhere() {
    assertThat(standard.isBroken(new SQLException("io", "08006"), "PostgreSQL")).isTrue();
    assertThat(standard.isBroken(new SQLException("gone", "08S01"), "MySQL")).isTrue();
    assertThat(standard.isBroken(new SQLException("closed", "08003"), "")).isTrue();
  }

  @Test
  void postgresSessionEndStatesAreBrokenButCancelIsNot() {
    for (String s : new String[] {"57P01", "57P02", "57P03", "57P04", "57P05"}) {
      assertThat(standard.isBroken(new SQLException("x", s), "PostgreSQL")).as(s).isTrue();
    }
    assertThat(standard.isBroken(new SQLException("canceling statement", "57014"), "PostgreSQL"))
        .isFalse();
    assertThat(standard.isBroken(new SQLException("duplicate key", "23505"), "PostgreSQL"))
        .isFalse();
    assertThat(standard.isBroken(new SQLException("in failed tx", "25P02"), "PostgreSQL"))
        .isFalse();
  }

  @Test
  void mysqlCodesApplyOnlyToMysqlAndMariadb() {
    SQLException killed = new SQLException("Connection was killed", "70100", 1927);
    assertThat(standard.isBroken(killed, "MariaDB")).isTrue();
    assertThat(standard.isBroken(killed, "MySQL")).isTrue();
    assertThat(standard.isBroken(killed, "Oracle")).isFalse(); // ORA-01927 is unrelated
    SQLException queryKilled = new SQLException("Query execution was interrupted", "70100", 1317);
    assertThat(standard.isBroken(queryKilled, "MariaDB")).isFalse();
    assertThat(standard.isBroken(new SQLException("gone", "HY000", 4031), "MySQL")).isTrue();
  }

  @Test
  void h2AndOracleCodes() {
    assertThat(standard.isBroken(new SQLException("broken", "90067", 90067), "H2")).isTrue();
    assertThat(standard.isBroken(new SQLException("table missing", "42S02", 42102), "H2")).isFalse();
    assertThat(standard.isBroken(new SQLException("ORA-03113", "61000", 3113), "Oracle")).isTrue();
  }

  @Test
  void exceptionTypesAndChainsAreConsidered() {
    assertThat(standard.isBroken(new SQLNonTransientConnectionException("x"), "")).isTrue();
    assertThat(standard.isBroken(new SQLRecoverableException("x"), "")).isTrue();
    assertThat(standard.isBroken(new SQLTimeoutException("query timeout", "57014"), "PostgreSQL"))
        .isFalse();
    SQLException batch = new SQLException("batch failed", "HY000");
    batch.setNextException(new SQLException("io", "08006"));
    assertThat(standard.isBroken(batch, "PostgreSQL")).isTrue();
    SQLException wrapped = new SQLException("outer", "HY000", new SQLException("inner", "57P01"));
    assertThat(standard.isBroken(wrapped, "PostgreSQL")).isTrue();
    SQLException cyclic = new SQLException("a", "HY000");
    cyclic.setNextException(cyclic);
    assertThat(standard.isBroken(cyclic, "PostgreSQL")).isFalse();
  }

  @Test
  void customClassifiersCombine() {
    ConnectionFailureClassifier custom =
        standard.or((e, product) -> "XX000".equals(e.getSQLState()));
    assertThat(custom.isBroken(new SQLException("x", "XX000"), "PostgreSQL")).isTrue();
    assertThat(custom.isBroken(new SQLException("x", "08006"), "PostgreSQL")).isTrue();
    assertThat(custom.isBroken(new SQLException("x", "42000"), "PostgreSQL")).isFalse();
  }
}
