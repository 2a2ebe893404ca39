package io.leakproof.cli.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What differs between the databases the CLI supports: how to hold a connection busy on the
 * server (a server-side sleep, so the connection is really in use, as in the mgo measurement of docs/articles.md)
 * and how to count the sessions the server has open.
 */
public enum Dialect {
  /** PostgreSQL: {@code pg_sleep}; sessions from {@code pg_stat_activity}, by application name. */
  POSTGRESQL(
      "PostgreSQL",
      "SELECT pg_sleep(?)",
      "SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND usename = current_user"
          + " AND application_name = ?",
      true),
  /** MariaDB and MySQL: {@code SLEEP}; sessions from the process list, for this user and schema. */
  MARIADB(
      "MariaDB/MySQL",
      "SELECT SLEEP(?)",
      "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
          + " WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB <=> DATABASE()"
          + " AND ID <> CONNECTION_ID()",
      false),
  /**
   * H2: no sleep function, so {@link #prepare} creates an alias for {@code Thread.sleep(long)};
   * sessions from {@code INFORMATION_SCHEMA.SESSIONS}.
   */
  H2(
      "H2",
      "CALL LEAKPROOF_SLEEP(?)",
      "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()",
      false),
  /** Any other database: the borrower holds the connection by sleeping on the client. */
  OTHER("database", null, null, false);

  private final String title;
  private final String sleepSql;
  private final String sessionCountSql;
  private final boolean sessionsTagged;

  Dialect(String title, String sleepSql, String sessionCountSql, boolean sessionsTagged) {
    this.title = title;
    this.sleepSql = sleepSql;
    this.sessionCountSql = sessionCountSql;
    this.sessionsTagged = sessionsTagged;
  }

  /**
   * Picks the dialect of a JDBC URL.
   *
   * @param url the URL
   * @return the dialect, {@link #OTHER} if unknown
   */
  public static Dialect of(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return OTHER;
  }

  /** Returns the database's name for messages. */
  public String title() {
    return title;
  }

  /** Returns whether the server can hold a connection busy with a sleep. */
  public boolean hasServerSleep() {
    return sleepSql != null;
  }

  /** Returns the server-side sleep statement (one parameter), or null. */
  public String sleepSql() {
    return sleepSql;
  }

  /** Returns whether the server-side session count can be sampled. */
  public boolean canCountSessions() {
    return sessionCountSql != null;
  }

  /** Returns the session count query, or null. */
  String sessionCountSql() {
    return sessionCountSql;
  }

  /**
   * Returns whether the session count sees exactly the pool's sessions (tagged with an
   * application name) rather than every session of the user, less a baseline.
   */
  public boolean sessionsTagged() {
    return sessionsTagged;
  }

  /**
   * Binds the sleep's parameter.
   *
   * @param ps the prepared {@link #sleepSql()}
   * @param hold how long to sleep
   * @throws SQLException if binding fails
   */
  public void bindSleep(PreparedStatement ps, Duration hold) throws SQLException {
    if (this == H2) {
      ps.setLong(1, hold.toMillis());
    } else {
      ps.setDouble(1, hold.toNanos() / 1e9);
    }
  }

  /**
   * Prepares the database for {@link #sleepSql()} (H2 needs an alias).
   *
   * @param c a connection with the right to create it
   * @throws SQLException if it cannot
   */
  public void prepare(Connection c) throws SQLException {
    if (this == H2) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE ALIAS IF NOT EXISTS LEAKPROOF_SLEEP FOR 'java.lang.Thread.sleep(long)'");
      }
    }
  }
}
