package io.leakproof.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;

/** The connection-state contract on MariaDB. */
class MariaDbConnectionStateIT extends ConnectionStateContract {

  @AfterAll
  static void dropOtherSchema() throws SQLException {
    try {
      Databases.exec(Databases.Db.MARIADB, "drop database if exists lp_jdbc_other");
    } catch (SQLException e) {
      if (Databases.REQUIRED) {
        throw e;
      }
    }
  }

  @Override
  Databases.Db db() {
    return Databases.Db.MARIADB;
  }

  @Override
  String sessionIdSql() {
    return "select connection_id()";
  }

  @Override
  String serverStateSql() {
    return "select @@session.tx_isolation, @@session.tx_read_only, @@session.autocommit, database()";
  }

  @Override
  String otherSchema() {
    return null; // MariaDB's schemas are its catalogs
  }

  @Override
  String otherCatalog() {
    return "lp_jdbc_other";
  }

  @Override
  void setUpDatabase(Connection admin) throws SQLException {
    Databases.exec(
        admin,
        "create database if not exists lp_jdbc_other",
        "drop table if exists lp_jdbc_state",
        "create table lp_jdbc_state(id int primary key, v int) engine=InnoDB",
        "insert into lp_jdbc_state values (1, 1)");
  }

  @Override
  void killSession(long sessionId) throws SQLException {
    Databases.exec(db(), "kill connection " + sessionId);
  }

  @Override
  Class<? extends Statement> driverStatementClass() {
    return org.mariadb.jdbc.Statement.class;
  }

  @Override
  String clientInfoName() {
    return "ApplicationName";
  }
}
