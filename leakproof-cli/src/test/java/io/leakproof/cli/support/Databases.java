package io.leakproof.cli.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The real PostgreSQL the tests use (127.0.0.1:5432, trust auth, user postgres, database test).
 * A test that needs it skips with a message when it does not answer, unless {@code
 * LEAKPROOF_REQUIRE_DATABASES=true} (CI), where a missing database is a failure.
 */
public final class Databases {
  /** The test database's URL. */
  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /** The test database's user. */
  public static final String POSTGRES_USER = "postgres";

  private Databases() {}

  /** Skips (or, on CI, fails) the calling test unless PostgreSQL answers. */
  public static void requirePostgres() {
    String why = postgresProblem();
    if (why == null) {
      return;
    }
    if ("true".equals(System.getenv("LEAKPROOF_REQUIRE_DATABASES"))) {
      fail("PostgreSQL is required (LEAKPROOF_REQUIRE_DATABASES=true) but " + why);
    }
    assumeTrue(
        false,
        "SKIPPED: PostgreSQL does not answer at "
            + POSTGRES_URL
            + " ("
            + why
            + "); start it, or set LEAKPROOF_REQUIRE_DATABASES=true to make this a failure");
  }

  private static String postgresProblem() {
    Properties p = new Properties();
    p.setProperty("user", POSTGRES_USER);
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, p)) {
      return c.isValid(3) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
