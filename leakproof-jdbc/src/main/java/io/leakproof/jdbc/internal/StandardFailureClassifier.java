package io.leakproof.jdbc.internal;

import io.leakproof.jdbc.ConnectionFailureClassifier;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in {@link ConnectionFailureClassifier}. SQLStates are standard enough to apply to every
 * database; vendor error codes are not (MySQL's 1927 is an unrelated Oracle error), so each set of
 * codes applies only to its product.
 */
public final class StandardFailureClassifier implements ConnectionFailureClassifier {

  /** The shared instance. */
  public static final StandardFailureClassifier INSTANCE = new StandardFailureClassifier();

  /**
   * PostgreSQL class 57 states that end the session: admin_shutdown (pg_terminate_backend, fast
   * shutdown), crash_shutdown, cannot_connect_now (starting up or shutting down),
   * database_dropped, idle_session_timeout (PostgreSQL 14+). 57014 (query_canceled) is absent on
   * purpose: a cancelled query leaves the connection usable.
   */
  static final Set<String> SESSION_ENDED_STATES = Set.of("57P01", "57P02", "57P03", "57P04", "57P05");

  /**
   * MariaDB and MySQL error codes that mean the session is gone: 1927 ER_CONNECTION_KILLED (KILL
   * CONNECTION, MariaDB), 1053 ER_SERVER_SHUTDOWN, 1152 ER_ABORTING_CONNECTION, 1184
   * ER_NEW_ABORTING_CONNECTION, 2006 CR_SERVER_GONE_ERROR, 2013 CR_SERVER_LOST, 4031
   * ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+, disconnected for inactivity). 1317
   * ER_QUERY_INTERRUPTED is absent on purpose: KILL QUERY ends the statement, not the connection.
   */
  static final Set<Integer> MYSQL_CODES = Set.of(1927, 1053, 1152, 1184, 2006, 2013, 4031);

  /**
   * H2 error codes: 90067 CONNECTION_BROKEN_1, 90098 DATABASE_IS_CLOSED, 90121
   * DATABASE_CALLED_AT_SHUTDOWN.
   */
  static final Set<Integer> H2_CODES = Set.of(90067, 90098, 90121);

  /**
   * Oracle error codes: ORA-00028 session killed, ORA-01012 not logged on, ORA-01092 instance
   * terminated, ORA-02396 idle time exceeded, ORA-03113 end-of-file on communication channel,
   * ORA-03114 not connected, ORA-03135 connection lost contact, and the driver's 17002 (I/O
   * error), 17008 (closed connection), 17410 (no more data from socket), 17447 (OALL8 is in an
   * inconsistent state).
   */
  static final Set<Integer> ORACLE_CODES =
      Set.of(28, 1012, 1092, 2396, 3113, 3114, 3135, 17002, 17008, 17410, 17447);

  /** Bounds the walk through causes and next exceptions (chains can be long or cyclic). */
  private static final int MAX_CHAIN = 32;

  private StandardFailureClassifier() {}

  @Override
  public boolean isBroken(SQLException failure, String databaseProduct) {
    Set<Integer> codes = codesFor(databaseProduct);
    IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
    return check(failure, codes, seen);
  }

  private static boolean check(Throwable t, Set<Integer> codes, IdentityHashMap<Throwable, Boolean> seen) {
    while (t != null && seen.size() < MAX_CHAIN && seen.put(t, Boolean.TRUE) == null) {
      if (t instanceof SQLException e) {
        if (brokenByItself(e, codes)) {
          return true;
        }
        SQLException next = e.getNextException();
        if (next != null && check(next, codes, seen)) {
          return true;
        }
      }
      t = t.getCause();
    }
    return false;
  }

  private static boolean brokenByItself(SQLException e, Set<Integer> codes) {
    if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || SESSION_ENDED_STATES.contains(state))) {
      return true;
    }
    return codes.contains(e.getErrorCode());
  }

  private static Set<Integer> codesFor(String product) {
    if (product == null || product.isEmpty()) {
      return Set.of();
    }
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("mariadb") || p.contains("mysql")) {
      return MYSQL_CODES;
    }
    if (p.equals("h2")) {
      return H2_CODES;
    }
    if (p.contains("oracle")) {
      return ORACLE_CODES;
    }
    return Set.of();
  }

  @Override
  public String toString() {
    return "ConnectionFailureClassifier.standard()";
  }
}
