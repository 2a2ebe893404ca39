package io.leakproof.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;

/** The connection-state contract on PostgreSQL. */
class PostgresConnectionStateIT extends ConnectionStateContract {

  @AfterAll
  static void dropOtherSchema() throws SQLException {
    try {
      Databases.exec(Databases.Db.POSTGRESQL, "drop schema if exists lp_jdbc_other cascade");
    } catch (SQLException e) {
      if (Databases.REQUIRED) {
        throw e;
      }
    }
  }

  @Override
  Databases.Db db() {
    return Databases.Db.POSTGRESQL;
  }

  @Override
  String sessionIdSql() {
    return "select pg_backend_pid()";
  }

  @Override
  String serverStateSql() {
    return "select current_setting('transaction_isolation'), current_setting('transaction_read_only'),"
        + " current_schema()";
  }

  @Override
  String otherSchema() {
    return "lp_jdbc_other";
  }

  @Override
  String otherCatalog() {
    return null; // PostgreSQL cannot switch databases on a connection; setCatalog does nothing
  }

  @Override
  void setUpDatabase(Connection admin) throws SQLException {
    Databases.exec(
        admin,
        "create schema if not exists lp_jdbc_other",
        "drop table if exists lp_jdbc_state",
        "create table lp_jdbc_state(id int primary key, v int)",
        "insert into lp_jdbc_state values (1, 1)");
  }

  @Override
  void killSession(long sessionId) throws SQLException {
    Databases.exec(db(), "select pg_terminate_backend(" + sessionId + ")");
  }

  @Override
  Class<? extends Statement> driverStatementClass() {
    return org.postgresql.jdbc.PgStatement.class;
  }

  @Override
  String clientInfoName() {
    return "ApplicationName";
  }
}
