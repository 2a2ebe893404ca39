package io.leakproof.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The connection-state contract on H2 (always runs). */
class H2ConnectionStateTest extends ConnectionStateContract {

  @Override
  Databases.Db db() {
    return Databases.Db.H2;
  }

  @Override
  String sessionIdSql() {
    return "select session_id()";
  }

  @Override
  String serverStateSql() {
    return "select isolation_level, current_schema from information_schema.sessions"
        + " where session_id = session_id()";
  }

  @Override
  String otherSchema() {
    return "LP_JDBC_OTHER";
  }

  @Override
  String otherCatalog() {
    return null;
  }

  @Override
  void setUpDatabase(Connection admin) throws SQLException {
    Databases.exec(
        admin,
        "create schema if not exists lp_jdbc_other",
        "create table if not exists lp_jdbc_state(id int primary key, v int)",
        "merge into lp_jdbc_state key(id) values (1, 1)");
  }

  @Override
  void killSession(long sessionId) throws SQLException {
    try (Connection admin = adminConnection()) {
      Databases.exec(admin, "shutdown immediately");
    } catch (SQLException expected) {
      // the admin connection is closed by its own shutdown
    }
  }

  @Override
  Class<? extends Statement> driverStatementClass() {
    return org.h2.jdbc.JdbcStatement.class;
  }

  @Override
  String clientInfoName() {
    return "ApplicationName";
  }

  /** H2 rejects every client-info name except in a compatibility mode: MySQL's accepts them. */
  @Override
  DataSourceConfig.Builder clientInfoConfig() {
    return config().jdbcUrl(url + ";MODE=MySQL");
  }
}
