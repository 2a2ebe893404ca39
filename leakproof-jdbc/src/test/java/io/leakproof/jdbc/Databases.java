package io.leakproof.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The real databases the integration tests use, and the rule for their absence: PostgreSQL and
 * MariaDB tests are skipped with a visible reason when the server is not reachable, and fail
 * instead when LEAKPROOF_REQUIRE_DATABASES=true (CI sets it). H2 runs in memory and is always
 * there. Every object the tests create is named lp_jdbc_... so that tests running at the same time
 * as other modules' never collide.
 */
public final class Databases {

  /** Whether an unreachable PostgreSQL or MariaDB fails the test instead of skipping it. */
  public static final boolean REQUIRED =
      "true".equalsIgnoreCase(System.getenv("LEAKPROOF_REQUIRE_DATABASES"));

  private static final Map<Db, String> UNAVAILABLE = new ConcurrentHashMap<>();
  private static final Map<Db, Boolean> CHECKED = new ConcurrentHashMap<>();
  private static final AtomicInteger H2_NUMBER = new AtomicInteger();

  /** A database the tests run against. */
  public enum Db {
    H2("H2 (in memory)", null, "sa", ""),
    POSTGRESQL("PostgreSQL at 127.0.0.1:5432", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", null),
    MARIADB("MariaDB at 127.0.0.1:3306", "jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable", "root", "");

    final String description;
    final String url;
    final String user;
    final String password;

    Db(String description, String url, String user, String password) {
      this.description = description;
      this.url = url;
      this.user = user;
      this.password = password;
    }

    /**
     * Returns the URL.
     *
     * @return the JDBC URL
     */
    public String url() {
      return url;
    }

    /**
     * Returns the user.
     *
     * @return the user
     */
    public String user() {
      return user;
    }

    /**
     * Returns a config builder pointing at this database, with a short acquire timeout and
     * logging off (tests assert on listeners instead).
     *
     * @return the builder
     */
    public DataSourceConfig.Builder config() {
      DataSourceConfig.Builder b = DataSourceConfig.builder().jdbcUrl(url).username(user).pool(p -> p.logging(false));
      if (password != null) {
        b.password(password);
      }
      return b;
    }
  }

  private Databases() {}

  /**
   * Skips (or, on CI, fails) the calling test when the database is not reachable.
   *
   * @param db the database
   */
  public static void require(Db db) {
    if (db == Db.H2) {
      return;
    }
    CHECKED.computeIfAbsent(
        db,
        d -> {
          try (Connection c = admin(d)) {
            c.isValid(2);
          } catch (SQLException e) {
            UNAVAILABLE.put(d, e.toString());
          }
          return Boolean.TRUE;
        });
    String why = UNAVAILABLE.get(db);
    if (why == null) {
      return;
    }
    String message = db.description + " is not reachable (" + why + ")";
    if (REQUIRED) {
      fail(message + "; LEAKPROOF_REQUIRE_DATABASES=true makes this a failure");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(
        message + "; test skipped. Start it, or set LEAKPROOF_REQUIRE_DATABASES=true to make its"
            + " absence a failure.");
  }

  /**
   * Opens an unpooled connection for setup and observation.
   *
   * @param db the database
   * @return a connection the caller closes
   * @throws SQLException if it cannot connect
   */
  public static Connection admin(Db db) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", db.user);
    if (db.password != null) {
      p.setProperty("password", db.password);
    }
    if (db == Db.POSTGRESQL) {
      p.setProperty("connectTimeout", "2");
      p.setProperty("ApplicationName", "lp_jdbc_admin");
    } else if (db == Db.MARIADB) {
      p.setProperty("connectTimeout", "2000");
    }
    return DriverManager.getConnection(db.url, p);
  }

  /**
   * Returns a fresh in-memory H2 URL that lives until the JVM exits.
   *
   * @return the URL
   */
  public static String newH2Url() {
    return "jdbc:h2:mem:lp_jdbc_" + H2_NUMBER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * Returns a config builder for a fresh in-memory H2 database.
   *
   * @return the builder
   */
  public static DataSourceConfig.Builder h2() {
    return DataSourceConfig.builder().jdbcUrl(newH2Url()).username("sa").password("").pool(p -> p.logging(false));
  }

  /**
   * Runs SQL on a connection.
   *
   * @param c the connection
   * @param sql the statements, run in order
   * @throws SQLException if one fails
   */
  public static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /**
   * Runs SQL on a fresh admin connection.
   *
   * @param db the database
   * @param sql the statements
   * @throws SQLException if one fails
   */
  public static void exec(Db db, String... sql) throws SQLException {
    try (Connection c = admin(db)) {
      exec(c, sql);
    }
  }
}
