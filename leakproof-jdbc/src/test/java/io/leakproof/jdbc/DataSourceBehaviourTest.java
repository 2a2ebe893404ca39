package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import example.app.Borrowers;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteCapture;
import io.leakproof.PoolClosedException;
import io.leakproof.PoolOverloadedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The data source on H2: pool failures as SQLExceptions, rotation, statement leaks, masking. */
class DataSourceBehaviourTest {

  private static final String SECRET = "Rotating-S3cret";

  @Test
  void timeoutBecomesTransientConnectionExceptionWithTheDiagnosis() throws SQLException {
    try (LeakproofDataSource ds =
            LeakproofDataSource.open(
                Databases.h2().pool(p -> p.maxSize(1).acquireTimeout(Duration.ofMillis(200)).callSiteCapture(CallSiteCapture.ALL))
                    .build());
        Connection held = Borrowers.borrow(ds)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(ds::getConnection);
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(t).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(t.getMessage())
          .contains("could not lend a connection within")
          .contains("Longest-held leases")
          .contains("acquired at example.app.Borrowers.borrow(");
      assertThat(t.getCause()).isInstanceOf(AcquireTimeoutException.class);
      assertThat(((SQLException) t).getSQLState()).isEqualTo("08001");
      assertThat(waitedMs).isBetween(150L, 5_000L);
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void closedDataSourceAndOverloadAndInterruptMapToSqlExceptions() throws Exception {
    LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2().pool(p -> p.maxSize(1).maxWaiting(0).acquireTimeout(Duration.ofSeconds(2))).build());
    // maxWaiting 0 never waits, not even for the first connection: let it be created first.
    assertThat(Gc.await(() -> ds.pool().stats().idle() == 1, Duration.ofSeconds(5))).isTrue();
    try (Connection held = ds.getConnection()) {
      Throwable overloaded = catchThrowable(ds::getConnection);
      assertThat(overloaded).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(((SQLException) overloaded).getSQLState()).isEqualTo("08004");
      assertThat(overloaded.getCause()).isInstanceOf(PoolOverloadedException.class);
      assertThat(held.isValid(1)).isTrue();
    }
    ds.close();
    assertThat(ds.isClosed()).isTrue();
    Throwable closed = catchThrowable(ds::getConnection);
    assertThat(closed).isInstanceOf(SQLNonTransientConnectionException.class);
    assertThat(((SQLException) closed).getSQLState()).isEqualTo("08003");
    assertThat(closed.getCause()).isInstanceOf(PoolClosedException.class);

    try (LeakproofDataSource ds2 =
            LeakproofDataSource.open(Databases.h2().pool(p -> p.maxSize(1).acquireTimeout(Duration.ofSeconds(5))).build());
        Connection held = ds2.getConnection()) {
      AtomicReference<Throwable> seen = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    Thread.currentThread().interrupt();
                    seen.set(catchThrowable(ds2::getConnection));
                    flag.set(Thread.currentThread().isInterrupted());
                  });
      t.join();
      assertThat(seen.get()).isInstanceOf(SQLException.class).hasMessageContaining("Interrupted");
      assertThat(flag.get()).isTrue();
      assertThat(held.isValid(1)).isTrue();
    }
  }

  @Test
  void rotatedCredentialsApplyToNewConnections() throws SQLException {
    AtomicReference<String> current = new AtomicReference<>("first-" + SECRET);
    AtomicInteger asked = new AtomicInteger();
    String url = Databases.newH2Url();
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            DataSourceConfig.builder()
                .jdbcUrl(url)
                .credentials(
                    () -> {
                      asked.incrementAndGet();
                      return new Credentials("LP_JDBC_USER", current.get());
                    }).pool(p -> p.maxSize(1).acquireTimeout(Duration.ofSeconds(2)).logging(false))
                .build())) {
      try (Connection c = ds.getConnection()) {
        Databases.exec(c, "ALTER USER LP_JDBC_USER SET PASSWORD 'second-" + SECRET + "'");
      }
      current.set("second-" + SECRET);
      ds.pool().softEvict(); // the old connection is closed; the next one logs in again
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          var rs = s.executeQuery("select current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("LP_JDBC_USER");
      }
      assertThat(asked.get()).isGreaterThanOrEqualTo(2);
      // A wrong password now fails with the driver's reason, and without the password.
      current.set("wrong-" + SECRET);
      ds.pool().softEvict();
      Throwable t = catchThrowable(ds::getConnection);
      assertThat(t).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(t.getMessage()).contains("Wrong user name or password");
      assertThat(chainText(t)).doesNotContain(SECRET);
      assertThat(ds.pool().dump().toText()).doesNotContain(SECRET);
    }
  }

  @Test
  @SuppressWarnings("MustBeClosedChecker") // closed by hand: the test needs close() to run at a known point
  void leftoverStatementsAreClosedAndReportedWithTheirCreationSites() throws SQLException {
    List<StatementLeak> leaks = new CopyOnWriteArrayList<>();
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2().pool(p -> p.maxSize(1).callSiteCapture(CallSiteCapture.ALL))
                .statementLeakListener(leaks::add)
                .build())) {
      Connection c = Borrowers.borrow(ds);
      Borrowers.leaveStatementsOpen(c, "select 1");
      c.close();
      assertThat(leaks).hasSize(1);
      StatementLeak leak = leaks.get(0);
      assertThat(leak.statements()).isEqualTo(2);
      assertThat(leak.resultSets()).isEqualTo(1);
      assertThat(leak.creationSites()).hasSize(2).allMatch(s -> s.startsWith("example.app.Borrowers.leaveStatementsOpen("));
      assertThat(leak.message())
          .contains("2 open statements and 1 open result set")
          .contains("acquired at example.app.Borrowers.borrow(");

      try (Connection ok = ds.getConnection();
          Statement s = ok.createStatement()) {
        s.executeQuery("select 1").close();
      }
      assertThat(leaks).hasSize(1); // closing properly reports nothing
    }
  }

  private static String chainText(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append('\n');
    }
    return b.toString();
  }

  @Test
  void unsupportedDataSourceMethodsSayWhatToDoInstead() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().pool(p -> p.acquireTimeout(Duration.ofMillis(2500))).build())) {
      assertThatThrownBy(() -> ds.getConnection("u", "p")).hasMessageContaining("configured user only");
      assertThatThrownBy(() -> ds.setLoginTimeout(3)).hasMessageContaining("acquireTimeout");
      assertThat(ds.getLoginTimeout()).isEqualTo(3);
      assertThat(ds.toString()).contains("LeakproofDataSource").contains("as sa");
    }
  }
}
