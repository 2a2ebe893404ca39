package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import example.app.Borrowers;
import io.leakproof.CallSiteCapture;
import io.leakproof.CloseReason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a borrower leaves behind never reaches the next borrower: written once, run against H2,
 * PostgreSQL and MariaDB. Each test uses a pool of one connection, so the next borrower gets the
 * same physical connection (checked by its server session id).
 */
abstract class ConnectionStateContract {

  /** The database under test. */
  abstract Databases.Db db();

  /** A query returning the server-side session id of the connection. */
  abstract String sessionIdSql();

  /** Server-side state as the database itself reports it: isolation, read-only, schema... */
  abstract String serverStateSql();

  /** Another schema to switch to, created by {@link #setUpDatabase}, or null if unsupported. */
  abstract String otherSchema();

  /** Another catalog to switch to, or null when the driver's setCatalog does nothing. */
  abstract String otherCatalog();

  /** Creates lp_jdbc_state(id int primary key, v int) and whatever else the tests need. */
  abstract void setUpDatabase(Connection admin) throws SQLException;

  /** Ends the server session of a connection from outside, as an administrator would. */
  abstract void killSession(long sessionId) throws SQLException;

  /** The driver's own Statement class, to check that leftovers were closed in the driver. */
  abstract Class<? extends Statement> driverStatementClass();

  String url;
  private final List<StatementLeak> leaks = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws SQLException {
    Databases.require(db());
    url = db() == Databases.Db.H2 ? Databases.newH2Url() : db().url();
    try (Connection admin = adminConnection()) {
      setUpDatabase(admin);
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (url != null && db() != Databases.Db.H2) {
      Databases.exec(db(), "drop table if exists lp_jdbc_state");
    }
  }

  Connection adminConnection() throws SQLException {
    return db() == Databases.Db.H2
        ? java.sql.DriverManager.getConnection(url, "sa", "")
        : Databases.admin(db());
  }

  DataSourceConfig.Builder config() {
    DataSourceConfig.Builder b =
        db() == Databases.Db.H2
            ? DataSourceConfig.builder().jdbcUrl(url).username("sa").password("").pool(p -> p.logging(false))
            : db().config();
    return b.pool(p -> p.maxSize(1).acquireTimeout(Duration.ofSeconds(5)).callSiteCapture(CallSiteCapture.ALL))
        .statementLeakListener(leaks::add);
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String queryRow(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<String> cols = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        cols.add(rs.getString(i));
      }
      return String.join("|", cols);
    }
  }

  private record Attributes(
      boolean autoCommit, int isolation, boolean readOnly, String catalog, String schema,
      int networkTimeout, String server) {
    static Attributes of(Connection c, String serverSql) throws SQLException {
      return new Attributes(
          c.getAutoCommit(),
          c.getTransactionIsolation(),
          c.isReadOnly(),
          c.getCatalog(),
          c.getSchema(),
          c.getNetworkTimeout(),
          queryRow(c, serverSql));
    }
  }

  @Test
  void changedAttributesAreRestoredForTheNextBorrower() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(config().build())) {
      long session;
      Attributes before;
      try (Connection c = ds.getConnection()) {
        session = queryLong(c, sessionIdSql());
        before = Attributes.of(c, serverStateSql());
        c.setAutoCommit(false);
        c.setTransactionIsolation(
            before.isolation() == Connection.TRANSACTION_SERIALIZABLE
                ? Connection.TRANSACTION_READ_COMMITTED
                : Connection.TRANSACTION_SERIALIZABLE);
        c.setReadOnly(true);
        if (otherSchema() != null) {
          c.setSchema(otherSchema());
        }
        if (otherCatalog() != null) {
          c.setCatalog(otherCatalog());
        }
        c.setNetworkTimeout(Runnable::run, 12_345);
        Attributes changed = Attributes.of(c, serverStateSql());
        assertThat(changed).isNotEqualTo(before); // the changes really happened
        c.rollback();
      }
      try (Connection c = ds.getConnection()) {
        assertThat(queryLong(c, sessionIdSql())).as("same physical connection").isEqualTo(session);
        assertThat(Attributes.of(c, serverStateSql())).isEqualTo(before);
      }
    }
  }

  /** A client-info property the driver supports, or null when it supports none. */
  abstract String clientInfoName();

  /** The configuration for the client-info test (H2 supports client info only in a mode). */
  DataSourceConfig.Builder clientInfoConfig() {
    return config();
  }

  @Test
  void clientInfoSetByABorrowerDoesNotReachTheNextBorrower() throws SQLException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        clientInfoName() != null, db() + "'s driver supports no client info property");
    try (LeakproofDataSource ds = LeakproofDataSource.open(clientInfoConfig().build())) {
      long session;
      String before;
      String name = clientInfoName();
      try (Connection c = ds.getConnection()) {
        session = queryLong(c, sessionIdSql());
        before = c.getClientInfo(name);
        c.setClientInfo(name, "lp-borrower-one");
        assertThat(c.getClientInfo(name)).isEqualTo("lp-borrower-one"); // it really changed
      }
      try (Connection c = ds.getConnection()) {
        assertThat(queryLong(c, sessionIdSql())).as("same physical connection").isEqualTo(session);
        assertRestored(c.getClientInfo(name), before);
        java.util.Properties all = new java.util.Properties();
        all.setProperty(name, "lp-borrower-two");
        c.setClientInfo(all);
        assertThat(c.getClientInfo(name)).isEqualTo("lp-borrower-two");
      }
      try (Connection c = ds.getConnection()) {
        assertThat(queryLong(c, sessionIdSql())).as("same physical connection").isEqualTo(session);
        assertRestored(c.getClientInfo(name), before);
      }
    }
  }

  /** A name that had no value reads back as unset, or empty on a driver that cannot unset. */
  private static void assertRestored(String now, String before) {
    if (before == null) {
      assertThat(now).isNullOrEmpty();
    } else {
      assertThat(now).isEqualTo(before);
    }
  }

  @Test
  void openTransactionIsRolledBackOnClose() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(config().build())) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("insert into lp_jdbc_state(id, v) values (2, 2)");
      }
      try (Connection admin = adminConnection()) {
        assertThat(queryLong(admin, "select count(*) from lp_jdbc_state where id = 2")).isZero();
      }
      try (Connection c = ds.getConnection()) {
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(queryLong(c, "select count(*) from lp_jdbc_state where id = 2")).isZero();
      }
    }
  }

  @Test
  void connectionsConfiguredWithoutAutoCommitAreRolledBackOnEveryReturn() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(config().autoCommit(false).build())) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        assertThat(c.getAutoCommit()).isFalse();
        s.executeUpdate("insert into lp_jdbc_state(id, v) values (3, 3)");
      }
      try (Connection c = ds.getConnection()) {
        assertThat(c.getAutoCommit()).isFalse();
        assertThat(queryLong(c, "select count(*) from lp_jdbc_state where id = 3")).isZero();
        c.commit();
      }
    }
  }

  @Test
  void leftoverStatementsAreClosedInTheDriverAndReported() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(config().build())) {
      Statement raw;
      try (Connection c = Borrowers.borrow(ds)) {
        Borrowers.leaveStatementsOpen(c, "select v from lp_jdbc_state");
        Statement kept = c.createStatement();
        kept.executeQuery("select v from lp_jdbc_state");
        raw = kept.unwrap(driverStatementClass());
        assertThat(raw.isClosed()).isFalse();
      }
      assertThat(raw.isClosed()).isTrue();
      assertThat(leaks).hasSize(1);
      assertThat(leaks.get(0).statements()).isEqualTo(3);
      assertThat(leaks.get(0).resultSets()).isEqualTo(2);
      assertThat(leaks.get(0).creationSites())
          .filteredOn(s -> s.startsWith("example.app.Borrowers.leaveStatementsOpen("))
          .hasSize(2);
      assertThat(leaks.get(0).lease()).contains("acquired at example.app.Borrowers.borrow(");
    }
  }

  @Test
  void sessionEndedByTheServerIsEvictedAndReplaced() throws SQLException {
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(config().pool(p -> p.validateAfterIdle(Duration.ZERO)).build())) {
      long session;
      try (Connection c = ds.getConnection()) {
        session = queryLong(c, sessionIdSql());
        killSession(session);
        Throwable t = catchThrowable(() -> queryLong(c, "select 1"));
        assertThat(t).isInstanceOf(SQLException.class);
        SQLException e = (SQLException) t;
        System.out.printf(
            "%s: use after the server ended the session: %s SQLState %s, error code %d: %s%n",
            db(), e.getClass().getSimpleName(), e.getSQLState(), e.getErrorCode(), e.getMessage());
      }
      assertThat(
              Gc.await(() -> ds.pool().stats().closed(CloseReason.BROKEN) == 1, Duration.ofSeconds(5)))
          .as("closed as broken: %s", ds.pool().stats())
          .isTrue();
      try (Connection c = ds.getConnection()) {
        assertThat(c.isValid(2)).isTrue();
        if (db() != Databases.Db.H2) { // H2 numbers sessions of the new database from 1 again
          assertThat(queryLong(c, sessionIdSql())).isNotEqualTo(session);
        }
      }
    }
  }
}
