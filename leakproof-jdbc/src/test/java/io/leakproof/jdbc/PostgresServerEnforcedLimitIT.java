package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.testkit.jdbc.RacyDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The limit holds as the server sees it. A PostgreSQL role WITH CONNECTION LIMIT equal to maxSize
 * makes the server refuse any connection beyond the limit ("too many connections for role",
 * SQLState 53300), and pg_stat_activity is sampled from a separate (superuser) connection while
 * 10,000 virtual threads borrow, run pg_sleep and return. The same harness against a deliberately
 * racy pool gets the error: proof that the check can fail.
 *
 * <p>Run alone: {@code ./mvnw -B -ntp -pl leakproof-jdbc -am verify
 * -Dtest=PostgresServerEnforcedLimitIT -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("slow")
class PostgresServerEnforcedLimitIT {

  private static final Databases.Db PG = Databases.Db.POSTGRESQL;
  private static final String ROLE = "lp_jdbc_limit";
  static final int MAX_SIZE = 8;
  static final int THREADS = 10_000;
  static final String WORK = "select pg_sleep(0.002)";

  private static boolean roleManaged;

  @BeforeAll
  static void createRole() throws SQLException {
    Databases.require(PG);
    roleManaged = true;
    dropRole();
    // No grants: PUBLIC may connect to the test database, and a grant would block the drop.
    Databases.exec(PG, "create role " + ROLE + " login connection limit " + MAX_SIZE);
  }

  @AfterAll
  static void dropRole() throws SQLException {
    if (!roleManaged) {
      return; // PostgreSQL is not there: the tests were skipped
    }
    try (Connection admin = Databases.admin(PG)) {
      Databases.exec(
          admin,
          "select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + ROLE + "'");
      for (int i = 0; i < 50; i++) {
        if (ConnectionStateContract.queryLong(
                admin, "select count(*) from pg_stat_activity where usename = '" + ROLE + "'")
            == 0) {
          break;
        }
        Gc.sleep(20);
      }
      Databases.exec(admin, "drop role if exists " + ROLE);
    }
  }

  /**
   * What one run of the harness saw.
   *
   * @param ok borrows that ran their query
   * @param tooMany borrows refused with "too many connections" (SQLState 53300)
   * @param skipped borrows not attempted because the server had already refused one: the check
   *     has failed by then, and going on would only load a shared server
   * @param other any other failure
   * @param peak the largest pg_stat_activity count for the role
   * @param millis how long the run took
   */
  record Result(int ok, int tooMany, int skipped, List<Throwable> other, long peak, long millis) {}

  static Result run(DataSource ds, int threads) throws Exception {
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger tooMany = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    List<Throwable> other = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    long[] peak = {0};
    Thread sampler =
        Thread.ofPlatform().name("lp-jdbc-sampler")
            .start(
                () -> {
                  try (Connection admin = Databases.admin(PG)) {
                    while (!done.get()) {
                      long n =
                          ConnectionStateContract.queryLong(
                              admin,
                              "select count(*) from pg_stat_activity where usename = '" + ROLE + "'");
                      peak[0] = Math.max(peak[0], n);
                    }
                  } catch (SQLException e) {
                    other.add(e);
                  }
                });
    long start = System.nanoTime();
    try (ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < threads; i++) {
        vts.execute(
            () -> {
              if (tooMany.get() > 0) {
                skipped.incrementAndGet();
                return;
              }
              try (Connection c = ds.getConnection();
                  Statement s = c.createStatement()) {
                s.execute(WORK);
                ok.incrementAndGet();
              } catch (SQLException e) {
                if (mentions53300(e)) {
                  tooMany.incrementAndGet();
                } else {
                  other.add(e);
                }
              }
            });
      }
      vts.shutdown();
      assertThat(vts.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    done.set(true);
    sampler.join();
    return new Result(ok.get(), tooMany.get(), skipped.get(), other, peak[0], millis);
  }

  private static boolean mentions53300(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException e && "53300".equals(e.getSQLState())) {
        return true;
      }
      if (String.valueOf(c.getMessage()).contains("too many connections")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void tenThousandVirtualThreadsNeverExceedTheServerEnforcedLimit() throws Exception {
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            DataSourceConfig.builder()
                .jdbcUrl(PG.url())
                .username(ROLE).pool(p -> p.name("lp-jdbc-limit").maxSize(MAX_SIZE).acquireTimeout(Duration.ofMinutes(2)).logging(false))
                .build())) {
      Result r = run(ds, THREADS);
      System.out.printf(
          "Leakproof: %d borrows of '%s' by %d virtual threads, maxSize %d: %d ms, %d ok,"
              + " %d 'too many connections', %d other errors, pg_stat_activity peak %d, pool %s%n",
          THREADS, WORK, THREADS, MAX_SIZE, r.millis(), r.ok(), r.tooMany(), r.other().size(),
          r.peak(), ds.pool().stats().gauges());
      assertThat(r.other()).isEmpty();
      assertThat(r.tooMany()).isZero();
      assertThat(r.skipped()).isZero();
      assertThat(r.ok()).isEqualTo(THREADS);
      assertThat(r.peak()).isLessThanOrEqualTo(MAX_SIZE);
      assertThat(ds.pool().stats().createFailures()).isZero();
      assertThat(ds.pool().stats().created()).isLessThanOrEqualTo(MAX_SIZE);
    }
  }

  @Test
  void theSameHarnessCatchesAPoolThatChecksThenUnlocksThenConnects() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", ROLE);
    props.setProperty("connectTimeout", "5");
    RacyDataSource racy = new RacyDataSource(PG.url(), props, MAX_SIZE);
    try {
      Result r = run(racy, THREADS);
      System.out.printf(
          "Racy pool: %d borrows, limit %d: %d ms, %d ok, %d 'too many connections', %d skipped"
              + " after the first refusal, %d other errors, pg_stat_activity peak %d%n",
          THREADS, MAX_SIZE, r.millis(), r.ok(), r.tooMany(), r.skipped(), r.other().size(),
          r.peak());
      assertThat(r.tooMany()).as("the server refused the racy pool's overshoot").isPositive();
    } finally {
      racy.closeAll();
    }
  }
}
