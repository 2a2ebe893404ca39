package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.CloseReason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pool recovers from a database that drops every connection: the server terminating every
 * pooled session (pg_terminate_backend), and a TCP proxy cut and restored (a restart or a network
 * partition as the pool sees it). Borrowers keep borrowing throughout. Checked: after the database
 * is reachable again, borrows succeed within 1 s; no borrow that starts after the pool has seen the
 * first failure gets a dead connection; the pool never holds more than maxSize connections.
 */
@Tag("slow")
class PostgresFailureRecoveryIT {

  private static final Databases.Db PG = Databases.Db.POSTGRESQL;
  private static final int MAX_SIZE = 4;
  /**
   * Fewer borrowers than connections, and no validation on borrow (see {@link #config}): some
   * connections sit cold when the failure strikes, and only the pool's re-check after the first
   * failure stands between them and the next borrower. With the re-check disabled this test
   * fails (tried: a cold dead connection is lent right after the first failure).
   */
  private static final int BORROWERS = 3;
  private static final String APP = "lp_jdbc_recovery";

  @BeforeEach
  void requirePostgres() {
    Databases.require(PG);
  }

  enum Outcome {
    OK,
    ACQUIRE_FAILED,
    QUERY_FAILED
  }

  record Borrow(long startNanos, long endNanos, Outcome outcome, String detail) {}

  /** Borrowers that borrow, run a query and return in a loop, recording every outcome. */
  static final class Load {
    final ConcurrentLinkedQueue<Borrow> borrows = new ConcurrentLinkedQueue<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger peakOpen = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Load(LeakproofDataSource ds, TcpProxy proxy) {
      for (int i = 0; i < BORROWERS; i++) {
        threads.add(Thread.ofVirtual().start(() -> borrowLoop(ds)));
      }
      threads.add(
          Thread.ofPlatform().name("lp-jdbc-open-sampler")
              .start(
                  () -> {
                    while (!stop.get()) {
                      int open = ds.pool().stats().open();
                      if (proxy != null) {
                        open = Math.max(open, proxy.open());
                      }
                      peakOpen.accumulateAndGet(open, Math::max);
                      Gc.sleep(1);
                    }
                  }));
    }

    // Acquired outside the try-with-resources to tell acquire failures from query failures; the
    // try-with-resources right after closes it.
    @SuppressWarnings("MustBeClosedChecker")
    private void borrowLoop(LeakproofDataSource ds) {
      while (!stop.get()) {
        long start = System.nanoTime();
        Connection c;
        try {
          c = ds.getConnection();
        } catch (SQLException e) {
          borrows.add(new Borrow(start, System.nanoTime(), Outcome.ACQUIRE_FAILED, e.toString()));
          // A paused pool fails at once: back off as after any other borrow, or this loop spins.
          Gc.sleep(2);
          continue;
        }
        try (c;
            Statement s = c.createStatement()) {
          s.execute("select 1");
          borrows.add(new Borrow(start, System.nanoTime(), Outcome.OK, null));
        } catch (SQLException e) {
          borrows.add(
              new Borrow(
                  start, System.nanoTime(), Outcome.QUERY_FAILED, e.getSQLState() + " " + e.getMessage()));
        }
        Gc.sleep(2);
      }
    }

    /** Stops the borrowers and waits for them. Idempotent. */
    void stop() {
      stop.set(true);
      for (Thread t : threads) {
        try {
          t.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }

    /**
     * Checks the promises around a failure injected at {@code failAt}, complete (every connection
     * really dead) at {@code deadAt}, and healed at {@code healedAt}. A borrow that starts after
     * both the pool's first failure and {@code deadAt} must not get a dead connection. (Before
     * deadAt, a connection can pass validation and die a moment later: that is a new failure,
     * not a dead connection handed out.)
     */
    long check(long failAt, long deadAt, long healedAt, String what) {
      List<Borrow> all = new ArrayList<>(borrows);
      long firstFailureSeen = Long.MAX_VALUE;
      for (Borrow b : all) {
        if (b.outcome() == Outcome.QUERY_FAILED) {
          firstFailureSeen = Math.min(firstFailureSeen, b.endNanos());
        }
      }
      List<Borrow> deadAfterFirstFailure = new ArrayList<>();
      List<Borrow> failedAfterRecoveryWindow = new ArrayList<>();
      long firstOkAfterHeal = Long.MAX_VALUE;
      int failures = 0;
      for (Borrow b : all) {
        if (b.outcome() != Outcome.OK) {
          failures++;
        }
        if (b.outcome() == Outcome.QUERY_FAILED
            && b.startNanos() > firstFailureSeen
            && b.startNanos() > deadAt) {
          deadAfterFirstFailure.add(b);
        }
        if (b.outcome() != Outcome.OK && b.startNanos() > healedAt + 1_000_000_000L) {
          failedAfterRecoveryWindow.add(b);
        }
        if (b.outcome() == Outcome.OK && b.endNanos() > healedAt) {
          firstOkAfterHeal = Math.min(firstOkAfterHeal, b.endNanos());
        }
      }
      long recoveryMs = (firstOkAfterHeal - healedAt) / 1_000_000;
      System.out.printf(
          "%s: %d borrows, %d failed (%d with a dead connection, the last of them %s the pool saw"
              + " the first failure); first success %d ms after the database was reachable again;"
              + " peak open connections %d (maxSize %d); failure injected %d ms before it healed%n",
          what, all.size(), failures,
          all.stream().filter(b -> b.outcome() == Outcome.QUERY_FAILED).count(),
          deadAfterFirstFailure.isEmpty() ? "before" : "AFTER",
          recoveryMs, peakOpen.get(), MAX_SIZE, (healedAt - failAt) / 1_000_000);
      assertThat(deadAfterFirstFailure)
          .as("borrows that got a dead connection after the pool saw the first failure")
          .isEmpty();
      assertThat(recoveryMs).as("first success after the database came back").isLessThan(1_000);
      assertThat(failedAfterRecoveryWindow)
          .as("borrows that failed more than 1 s after the database came back")
          .isEmpty();
      assertThat(peakOpen.get()).as("open connections while recovering").isLessThanOrEqualTo(MAX_SIZE);
      return recoveryMs;
    }
  }

  private static DataSourceConfig.Builder config(String url) {
    return DataSourceConfig.builder()
        .jdbcUrl(url)
        .username(PG.user())
        .driverProperty("ApplicationName", APP).pool(p -> p.name("lp-jdbc-recovery").maxSize(MAX_SIZE).acquireTimeout(Duration.ofSeconds(1)).createTimeout(Duration.ofMillis(800)).validateAfterIdle(Duration.ZERO).logging(false));
  }

  private static long countSessions(Connection admin, String where) {
    try {
      return ConnectionStateContract.queryLong(
          admin, "select count(*) from pg_stat_activity where " + where);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static void warmUp(LeakproofDataSource ds) {
    assertThat(
            Gc.await(
                () -> ds.pool().stats().idle() + ds.pool().stats().leased() == MAX_SIZE,
                Duration.ofSeconds(10)))
        .isTrue();
  }

  @Test
  void terminatingEveryPooledSessionIsSurvived() throws Exception {
    try (LeakproofDataSource ds = LeakproofDataSource.open(config(PG.url()).build())) {
      warmUp(ds);
      Load load = new Load(ds, null);
      try {
        Gc.sleep(300);
        long killedAt = System.nanoTime();
        List<Long> killed = new ArrayList<>();
        long deadAt;
        try (Connection admin = Databases.admin(PG)) {
          // Two steps: the pids first, then terminate exactly those. (A WHERE clause mixing the
          // filter and pg_terminate_backend may run the function on rows the filter rejects.)
          try (Statement s = admin.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "select pid from pg_stat_activity where application_name = '" + APP + "'")) {
            while (rs.next()) {
              killed.add(rs.getLong(1));
            }
          }
          for (long pid : killed) {
            Databases.exec(admin, "select pg_terminate_backend(" + pid + ")");
          }
          String pids = killed.toString().replace('[', '(').replace(']', ')');
          assertThat(
                  Gc.await(
                      () -> countSessions(admin, "pid in " + pids) == 0, Duration.ofSeconds(5)))
              .as("terminated sessions gone")
              .isTrue();
          deadAt = System.nanoTime();
        }
        assertThat(killed).hasSize(MAX_SIZE);
        System.out.printf(
            "the %d terminated sessions were gone %d ms after pg_terminate_backend%n",
            killed.size(), (deadAt - killedAt) / 1_000_000);
        Gc.sleep(1_500);
        load.stop();
        load.check(
            killedAt, deadAt, killedAt, "pg_terminate_backend on all " + killed.size() + " pooled sessions");
        assertThat(
                ds.pool().stats().closed(CloseReason.BROKEN)
                    + ds.pool().stats().closed(CloseReason.INVALIDATED))
            .isPositive();
      } finally {
        load.stop();
      }
    }
  }

  @Test
  void proxyCutAndRestoredIsSurvived() throws Exception {
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
        LeakproofDataSource ds =
            LeakproofDataSource.open(
                config("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test").build())) {
      warmUp(ds);
      Load load = new Load(ds, proxy);
      try {
        Gc.sleep(300);
        long cutAt = System.nanoTime();
        proxy.cut(); // resets every connection before it returns
        long deadAt = System.nanoTime();
        Gc.sleep(1_500);
        proxy.resetPeak();
        long restoredAt = System.nanoTime();
        proxy.restore();
        Gc.sleep(2_000);
        load.stop();
        load.check(cutAt, deadAt, restoredAt, "TCP proxy cut for 1.5 s and restored");
        assertThat(proxy.peak())
            .as("connections through the proxy after the restore")
            .isLessThanOrEqualTo(MAX_SIZE);
      } finally {
        load.stop();
      }
    }
  }
}
