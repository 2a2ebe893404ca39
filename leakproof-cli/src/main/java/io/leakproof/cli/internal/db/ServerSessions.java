package io.leakproof.cli.internal.db;

import io.leakproof.cli.internal.CliException;
import io.leakproof.cli.internal.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Counts, from the server's side, the sessions a pool has open: what {@code
 * db.serverStatus().connections} counted in the mgo measurement (docs/articles.md, article 3). It uses a connection of its own, opened outside every pool and
 * excluded from the count.
 *
 * <p>On PostgreSQL the pool's sessions carry an {@code application_name} ({@link
 * io.leakproof.cli.internal.pool.CountingDriver} sets it), so the count is exact. Elsewhere the
 * count is every session of the same user (and schema), less those open when sampling started;
 * other clients of the same user make it noisy.
 *
 * <p>Not thread-safe: one sampler thread uses it.
 */
public final class ServerSessions implements AutoCloseable {
  private final Dialect dialect;
  private final Connection connection;
  private final PreparedStatement query;
  private final int baseline;

  private ServerSessions(Dialect dialect, Connection connection, String applicationName)
      throws SQLException {
    this.dialect = dialect;
    this.connection = connection;
    this.query = connection.prepareStatement(dialect.sessionCountSql());
    if (dialect.sessionsTagged()) {
      query.setString(1, applicationName);
    }
    this.baseline = dialect.sessionsTagged() ? 0 : rawCount();
  }

  /**
   * Opens a direct connection (no pool) to the database.
   *
   * @param url the database's JDBC URL
   * @param user the user, or null
   * @param password the password, or null
   * @return the connection
   * @throws CliException if the database does not answer, with the driver's reason
   */
  public static Connection connect(String url, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      props.setProperty("ApplicationName", "leakproof-cli");
      props.setProperty("connectTimeout", "10");
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new CliException(
          "no JDBC driver accepts "
              + Secrets.maskUrl(url)
              + " (this CLI bundles the PostgreSQL, MariaDB/MySQL and H2 drivers)");
    }
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw new CliException(
          "cannot connect to " + Secrets.maskUrl(url) + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    int depth = 0;
    while (root.getCause() != null && depth++ < 10) {
      root = root.getCause();
    }
    String top = t.getMessage();
    String bottom = root.getMessage();
    if (depth == 0 || bottom == null || (top != null && top.contains(bottom))) {
      return top;
    }
    return top + " (" + bottom + ")";
  }

  /**
   * Starts counting a pool's sessions.
   *
   * @param dialect the database
   * @param url the database's JDBC URL
   * @param user the user, or null
   * @param password the password, or null
   * @param applicationName the tag of the pool's sessions (used where the dialect supports it)
   * @return the sampler, or null when the database's sessions cannot be counted
   * @throws CliException if the database does not answer
   */
  public static ServerSessions open(
      Dialect dialect, String url, String user, String password, String applicationName) {
    if (!dialect.canCountSessions()) {
      return null;
    }
    Connection c = connect(url, user, password);
    try {
      return new ServerSessions(dialect, c, applicationName);
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
      throw new CliException(
          "cannot count the server's sessions on "
              + dialect.title()
              + " ("
              + e.getMessage()
              + "); the user may lack the right to read them");
    }
  }

  private int rawCount() throws SQLException {
    try (ResultSet rs = query.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Counts the pool's sessions now.
   *
   * @return the count, or -1 if the query failed
   */
  public int count() {
    try {
      return Math.max(0, rawCount() - baseline);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Returns how the count is made, for the report. */
  public String method() {
    return switch (dialect) {
      case POSTGRESQL -> "pg_stat_activity rows with the pool's application_name";
      case MARIADB ->
          "information_schema.PROCESSLIST rows of this user and schema, less "
              + baseline
              + " open before the run";
      case H2 -> "INFORMATION_SCHEMA.SESSIONS, less " + baseline + " open before the run";
      case OTHER -> "not available";
    };
  }

  @Override
  public void close() {
    try {
      query.close();
    } catch (SQLException ignored) {
      // closing the connection below closes it too
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // best effort
    }
  }
}
