package io.leakproof.spring.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL (127.0.0.1:5432, database test, user postgres): tests skip with a message
 * when it is absent, and fail when LEAKPROOF_REQUIRE_DATABASES=true (CI), as in leakproof-jdbc.
 */
final class Postgres {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";

  private Postgres() {}

  /** Skips (or fails on CI) without the server, then drops the test's schema. */
  static void requireWithFreshSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      if (Boolean.parseBoolean(System.getenv("LEAKPROOF_REQUIRE_DATABASES"))) {
        throw e;
      }
      Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not available: " + e.getMessage());
    }
  }
}
