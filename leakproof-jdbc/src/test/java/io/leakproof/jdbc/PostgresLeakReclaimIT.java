package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import io.leakproof.CallSiteCapture;
import io.leakproof.LeakSignal;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.RecordingListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Leaked connections on PostgreSQL are reclaimed after a garbage collection, and reclaiming means
 * the server forgets them: the session disappears from pg_stat_activity and its row locks are
 * released. The report names the borrower's call site.
 */
@Tag("slow")
class PostgresLeakReclaimIT {

  private static final Databases.Db PG = Databases.Db.POSTGRESQL;

  @BeforeEach
  void setUp() throws SQLException {
    Databases.require(PG);
    Databases.exec(
        PG,
        "drop table if exists lp_jdbc_leak",
        "create table lp_jdbc_leak(id int primary key, v int)",
        "insert into lp_jdbc_leak values (1, 0)");
  }

  @AfterEach
  void tearDown() throws SQLException {
    Databases.exec(PG, "drop table if exists lp_jdbc_leak");
  }

  private static LeakproofDataSource open(RecordingListener events) {
    return LeakproofDataSource.open(
        PG.config().pool(p -> p.name("lp-jdbc-leak").maxSize(2).minIdle(0).callSiteCapture(CallSiteCapture.ALL).acquireTimeout(Duration.ofSeconds(10)).listener(events))
            .build());
  }

  @Test
  void droppedConnectionWithOpenTransactionIsReclaimedAndItsRowLockReleased() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LeakproofDataSource ds = open(events)) {
      long pid =
          Borrowers.leakOpenTransaction(
              ds, "update lp_jdbc_leak set v = v + 1 where id = 1", "select pg_backend_pid()");
      assertThat(sessionExists(pid)).isTrue();
      assertThat(rowLockedByOthers()).as("the leaked transaction holds the row lock").isTrue();

      long start = System.nanoTime();
      assertThat(Gc.until(() -> !events.reclaimed().isEmpty(), Duration.ofSeconds(10)))
          .as("leak reclaimed after GC")
          .isTrue();
      PoolEvent.Leak leak = events.reclaimed().get(0);
      assertThat(leak.signal()).isEqualTo(LeakSignal.ABANDONED);
      assertThat(leak.lease().callSite().className()).isEqualTo(Borrowers.class.getName());
      assertThat(leak.lease().callSite().methodName()).isEqualTo("leakOpenTransaction");
      assertThat(leak.message()).contains("example.app.Borrowers.leakOpenTransaction(");

      assertThat(Gc.await(() -> !sessionExists(pid), Duration.ofSeconds(10)))
          .as("server session %d gone from pg_stat_activity", pid)
          .isTrue();
      assertThat(rowLockedByOthers()).as("row lock released").isFalse();
      System.out.printf(
          "leaked connection (pid %d) reclaimed and its session gone %d ms after the first GC%n",
          pid, (System.nanoTime() - start) / 1_000_000);
    }
  }

  @Test
  void connectionDroppedWithItsResultSetOpenIsReclaimedAndItsSessionEnds() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LeakproofDataSource ds = open(events)) {
      long pid = Borrowers.leakOpenResultSet(ds, "select pg_backend_pid()");
      assertThat(Gc.until(() -> !events.reclaimed().isEmpty(), Duration.ofSeconds(10))).isTrue();
      assertThat(events.reclaimed().get(0).lease().callSite().methodName())
          .isEqualTo("leakOpenResultSet");
      assertThat(Gc.await(() -> !sessionExists(pid), Duration.ofSeconds(10))).isTrue();
      try (Connection c = ds.getConnection()) {
        assertThat(c.isValid(2)).isTrue();
      }
    }
  }

  private static boolean sessionExists(long pid) {
    try (Connection admin = Databases.admin(PG)) {
      return ConnectionStateContract.queryLong(
              admin, "select count(*) from pg_stat_activity where pid = " + pid)
          > 0;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Tries to update the row from another session without waiting for its lock. */
  private static boolean rowLockedByOthers() throws SQLException {
    try (Connection admin = Databases.admin(PG);
        Statement s = admin.createStatement()) {
      admin.setAutoCommit(false);
      s.execute("set local lock_timeout = '500ms'");
      try (ResultSet rs = s.executeQuery("select v from lp_jdbc_leak where id = 1 for update")) {
        rs.next();
        admin.rollback();
        return false;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) { // lock_not_available
          return true;
        }
        throw e;
      }
    }
  }
}
