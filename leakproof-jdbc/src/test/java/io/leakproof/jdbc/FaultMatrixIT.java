package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leakproof.CloseReason;
import io.leakproof.PoolPausedException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CI-sized fault matrix: network faults made by a {@link FaultProxy} between the pool and the
 * real PostgreSQL and MariaDB (the servers themselves are never touched), with Leakproof and
 * HikariCP in the same harness. The assertions are Leakproof's promises; HikariCP's figures are
 * measured the same way and printed as {@code FAULT-MATRIX ...} lines for docs/reliability.md.
 */
@Tag("slow")
class FaultMatrixIT {
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration NETWORK_TIMEOUT = Duration.ofMillis(1500);

  private static int port(Databases.Db db) {
    return URI.create(db.url().substring("jdbc:".length())).getPort();
  }

  private static String param(String url, String name, String value) {
    return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
  }

  private static void report(Databases.Db db, String pool, String fault, String metric, Object value) {
    System.out.printf("FAULT-MATRIX db=%s pool=%s fault=%s %s=%s%n", db.name(), pool, fault, metric, value);
  }

  private static long ms(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  private static void select1(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select 1");
    }
  }

  private static LeakproofDataSource leakproof(Databases.Db db, FaultProxy proxy, int minIdle) {
    return leakproof(db, proxy, minIdle, 2);
  }

  private static LeakproofDataSource leakproof(Databases.Db db, FaultProxy proxy, int minIdle, int maxSize) {
    return LeakproofDataSource.open(
        db.config()
            .jdbcUrl(proxy.url(db.url()))
            .networkTimeout(NETWORK_TIMEOUT)
            .pool(
                p ->
                    p.name("lp-fault-" + db.name().toLowerCase(java.util.Locale.ROOT))
                        .maxSize(maxSize)
                        .minIdle(minIdle)
                        .createTimeout(CREATE_TIMEOUT)
                        .acquireTimeout(ACQUIRE_TIMEOUT)
                        .validationTimeout(Duration.ofSeconds(1))
                        .shutdownTimeout(Duration.ofMillis(200)))
            .build());
  }

  private static HikariDataSource hikari(Databases.Db db, FaultProxy proxy, int minIdle) {
    return hikari(db, proxy, minIdle, 2);
  }

  private static HikariDataSource hikari(Databases.Db db, FaultProxy proxy, int minIdle, int maxSize) {
    HikariConfig h = new HikariConfig();
    String url = proxy.url(db.url());
    // HikariCP has no network timeout of its own: the drivers' socket timeouts, equal to ours.
    url =
        db == Databases.Db.POSTGRESQL
            ? param(url, "socketTimeout", "2")
            : param(url, "socketTimeout", Long.toString(NETWORK_TIMEOUT.toMillis()));
    h.setJdbcUrl(url);
    h.setUsername(db.user());
    if (db == Databases.Db.MARIADB) {
      h.setPassword("");
    }
    h.setPoolName("hikari-fault-" + db.name().toLowerCase(java.util.Locale.ROOT));
    h.setMaximumPoolSize(maxSize);
    h.setMinimumIdle(minIdle);
    h.setConnectionTimeout(ACQUIRE_TIMEOUT.toMillis());
    h.setValidationTimeout(1000);
    h.setInitializationFailTimeout(-1);
    return new HikariDataSource(h);
  }

  /** Borrows until a borrow and a query succeed; returns the milliseconds it took. */
  private static long untilServed(javax.sql.DataSource ds, Duration max) throws InterruptedException {
    long t0 = System.nanoTime();
    long end = t0 + max.toNanos();
    while (System.nanoTime() - end < 0) {
      try (Connection c = ds.getConnection()) {
        select1(c);
        return ms(t0);
      } catch (SQLException e) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ connect blackholed

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void connectBlackholedCreateDeadlineFiresIdleKeepsServingAndTheTimeoutNamesTheError(Databases.Db db)
      throws Exception {
    Databases.require(db);
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        LeakproofDataSource ds = leakproof(db, proxy, 0, 3)) {
      warmBoth(ds);
      awaitIdle(() -> ds.pool().stats().idle(), 2);
      proxy.mode(FaultProxy.Mode.STALL);
      try (Connection other = ds.getConnection();
          Connection held = ds.getConnection()) { // the idle ones still serve
        select1(other);
        select1(held);
        long t0 = System.nanoTime();
        assertThatThrownBy(ds::getConnection)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("creation error")
            .satisfies(e -> report(db, "leakproof", "connect-blackholed", "message", firstLine(e)));
        report(db, "leakproof", "connect-blackholed", "acquireFailedAfterMs", ms(t0));
        select1(held);
      }
      assertThat(ds.pool().stats().closed(CloseReason.SHUTDOWN)).isZero();
      try (Connection again = ds.getConnection()) { // returned idle, lent again during the fault
        select1(again);
      }
      assertThat(ds.pool().stats().open()).isLessThanOrEqualTo(3);
      proxy.mode(FaultProxy.Mode.PASS);
      long recovered = timeToSecondConnection(ds);
      report(db, "leakproof", "connect-blackholed", "faultEndToNewConnectionMs", recovered);
      assertThat(recovered).as("a new connection after the fault ended").isNotNegative();
    }
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        HikariDataSource ds = hikari(db, proxy, 0, 3)) {
      warmBoth(ds);
      awaitIdle(() -> ds.getHikariPoolMXBean().getIdleConnections(), 2);
      proxy.mode(FaultProxy.Mode.STALL);
      try (Connection other = ds.getConnection();
          Connection held = ds.getConnection()) {
        select1(other);
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
          report(db, "hikari", "connect-blackholed", "unexpected", "served " + c.isValid(1));
        } catch (SQLException e) {
          report(db, "hikari", "connect-blackholed", "acquireFailedAfterMs", ms(t0));
          report(db, "hikari", "connect-blackholed", "message", firstLine(e));
        }
        select1(held);
      }
      proxy.mode(FaultProxy.Mode.PASS);
      report(db, "hikari", "connect-blackholed", "faultEndToNewConnectionMs", timeToSecondConnection(ds));
    }
  }

  /** Holds two connections and borrows a third, which needs a new one: milliseconds, or -1. */
  private static long timeToSecondConnection(javax.sql.DataSource ds) throws Exception {
    try (Connection first = ds.getConnection();
        Connection second = ds.getConnection()) {
      select1(first);
      select1(second);
      return untilServed(ds, Duration.ofSeconds(10));
    }
  }

  private static void awaitIdle(java.util.function.IntSupplier idle, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (idle.getAsInt() < n) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("the pool never had " + n + " idle connections");
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    int err = m.indexOf("creation error");
    if (err >= 0) {
      int end = m.indexOf('\n', err);
      line += " | " + m.substring(err, end < 0 ? m.length() : end);
    }
    return line;
  }

  // ------------------------------------------------------------------ half-open mid-query

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void halfOpenMidQueryFailsWithinTheNetworkTimeoutAndNoDeadConnectionIsLentAfter(Databases.Db db)
      throws Exception {
    Databases.require(db);
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        LeakproofDataSource ds = leakproof(db, proxy, 2)) {
      warmBoth(ds);
      proxy.mode(FaultProxy.Mode.STALL); // new connections get nowhere while the fault lasts
      long failedAfter;
      try (Connection c = ds.getConnection()) {
        proxy.freezeAll(); // both pooled connections go half-open: no FIN, no RST
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> select1(c)).isInstanceOf(SQLException.class);
        failedAfter = ms(t0);
      }
      report(db, "leakproof", "half-open", "queryFailedAfterMs", failedAfter);
      assertThat(failedAfter)
          .as("failed by the network timeout (1.5 s), not hung")
          .isLessThan(NETWORK_TIMEOUT.toMillis() + 5_000);
      assertThat(ds.pool().stats().closed(CloseReason.BROKEN)).as("the broken connection evicted").isEqualTo(1);
      proxy.mode(FaultProxy.Mode.PASS);
      long t0 = System.nanoTime();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < 4; i++) { // every borrow after the first failure gets a live connection
        try (Connection c = ds.getConnection()) {
          select1(c);
        } catch (SQLException e) {
          failures.add(e.toString());
        }
        if (i == 0) {
          report(db, "leakproof", "half-open", "faultEndToFirstBorrowMs", ms(t0));
        }
      }
      report(db, "leakproof", "half-open", "deadLentAfterFirstFailure", failures.size());
      assertThat(failures).as("known-dead connections lent after the first failure").isEmpty();
    }
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        HikariDataSource ds = hikari(db, proxy, 2)) {
      warmBoth(ds);
      proxy.mode(FaultProxy.Mode.STALL);
      try (Connection c = ds.getConnection()) {
        proxy.freezeAll();
        long t0 = System.nanoTime();
        try {
          select1(c);
          report(db, "hikari", "half-open", "unexpected", "query served");
        } catch (SQLException e) {
          report(db, "hikari", "half-open", "queryFailedAfterMs", ms(t0));
        }
      }
      proxy.mode(FaultProxy.Mode.PASS);
      long t0 = System.nanoTime();
      int failures = 0;
      for (int i = 0; i < 4; i++) {
        try (Connection c = ds.getConnection()) {
          select1(c);
        } catch (SQLException e) {
          failures++;
        }
        if (i == 0) {
          report(db, "hikari", "half-open", "faultEndToFirstBorrowMs", ms(t0));
        }
      }
      report(db, "hikari", "half-open", "deadLentAfterFirstFailure", failures);
    }
  }

  private static void warmBoth(javax.sql.DataSource ds) throws Exception {
    untilServed(ds, Duration.ofSeconds(5));
    try (Connection a = ds.getConnection();
        Connection b = ds.getConnection()) {
      select1(a);
      select1(b);
    }
  }

  // ------------------------------------------------------------------ outage: fail fast

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void duringAnOutageCallersFailFastWithTheCreationErrorAndAreServedSoonAfter(Databases.Db db)
      throws Exception {
    Databases.require(db);
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        LeakproofDataSource ds = leakproof(db, proxy, 0)) {
      proxy.mode(FaultProxy.Mode.RESET); // every connect is refused at once: the database is down
      long[] waits = outageWaits(ds);
      report(db, "leakproof", "outage-refused", "waitsMs", java.util.Arrays.toString(waits));
      long t0 = System.nanoTime();
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLException.class)
          .hasCauseInstanceOf(PoolPausedException.class)
          .satisfies(e -> assertThat(e.getCause().getCause()).as("the creation error, chained").isNotNull());
      report(db, "leakproof", "outage-refused", "pausedFailAfterMs", ms(t0));
      proxy.mode(FaultProxy.Mode.PASS);
      long served = untilServed(ds, Duration.ofSeconds(10));
      report(db, "leakproof", "outage-refused", "faultEndToFirstBorrowMs", served);
      assertThat(served).isNotNegative();
    }
    try (FaultProxy proxy = new FaultProxy("127.0.0.1", port(db));
        HikariDataSource ds = hikari(db, proxy, 0)) {
      proxy.mode(FaultProxy.Mode.RESET);
      report(db, "hikari", "outage-refused", "waitsMs", java.util.Arrays.toString(outageWaits(ds)));
      proxy.mode(FaultProxy.Mode.PASS);
      report(db, "hikari", "outage-refused", "faultEndToFirstBorrowMs", untilServed(ds, Duration.ofSeconds(10)));
    }
  }

  /** Three borrows in a row during the outage: how long each caller waited for its failure. */
  private static long[] outageWaits(javax.sql.DataSource ds) {
    long[] waits = new long[3];
    for (int i = 0; i < waits.length; i++) {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        waits[i] = c.isClosed() ? -2 : -1; // served during an outage: impossible
      } catch (SQLException e) {
        waits[i] = ms(t0);
      }
    }
    return waits;
  }
}
