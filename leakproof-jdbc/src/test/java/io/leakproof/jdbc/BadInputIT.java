package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error naming the cause, within the acquire timeout, and never shows the
 * password: a database that does not exist, bad credentials, an unreachable host, a refused port.
 * (An unknown driver class and a URL no driver accepts fail earlier, in build(): see
 * DataSourceConfigTest.)
 */
class BadInputIT {

  private static final String SECRET = "Very-S3cret-Pw";
  private static final Duration ACQUIRE = Duration.ofSeconds(2);

  /** Borrows once and returns what was thrown, checking the time and the absence of the secret. */
  private static SQLException failure(DataSourceConfig.Builder config) {
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            config.pool(p -> p.acquireTimeout(ACQUIRE).createTimeout(Duration.ofMillis(1500)).logging(false)).build())) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(ds::getConnection);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(t).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(ms).as("failed within the acquire timeout").isLessThan(ACQUIRE.toMillis() + 500);
      assertThat(everything(t)).doesNotContain(SECRET);
      assertThat(ds.toString()).doesNotContain(SECRET);
      assertThat(ds.config().toString()).doesNotContain(SECRET);
      assertThat(ds.pool().dump().toText()).doesNotContain(SECRET);
      assertThat(ds.pool().dump().toJson()).doesNotContain(SECRET);
      System.out.println("bad input -> " + ms + " ms: " + t.getMessage().lines().toList());
      return (SQLException) t;
    }
  }

  private static String everything(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append('\n');
      for (StackTraceElement e : c.getStackTrace()) {
        b.append(e).append('\n');
      }
      if (c instanceof SQLException s && s.getNextException() != null) {
        b.append(everything(s.getNextException()));
      }
    }
    return b.toString();
  }

  @Test
  void databaseThatDoesNotExistIsNamed() {
    Databases.require(Databases.Db.POSTGRESQL);
    SQLException e =
        failure(
            DataSourceConfig.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/lp_jdbc_no_such_db?password=" + SECRET)
                .username("postgres"));
    assertThat(e.getMessage()).contains("database \"lp_jdbc_no_such_db\" does not exist");
    assertThat(e.getMessage()).contains("password=****");
    assertThat(e.getSQLState()).isEqualTo("3D000");
  }

  @Test
  void badCredentialsAreNamedWithoutThePassword() throws SQLException {
    Databases.require(Databases.Db.MARIADB);
    Databases.exec(
        Databases.Db.MARIADB,
        "drop user if exists 'lp_jdbc_user'@'%'",
        "create user 'lp_jdbc_user'@'%' identified by 'the-right-one'");
    SQLException e =
        failure(
            DataSourceConfig.builder()
                .jdbcUrl(Databases.Db.MARIADB.url())
                .username("lp_jdbc_user")
                .password(SECRET));
    assertThat(e.getMessage()).contains("Access denied for user 'lp_jdbc_user'");
    assertThat(e.getSQLState()).isEqualTo("28000");
  }

  @Test
  void unknownRoleIsNamed() {
    Databases.require(Databases.Db.POSTGRESQL);
    SQLException e =
        failure(
            DataSourceConfig.builder()
                .jdbcUrl(Databases.Db.POSTGRESQL.url())
                .username("lp_jdbc_nobody")
                .password(SECRET));
    assertThat(e.getMessage()).contains("role \"lp_jdbc_nobody\" does not exist");
  }

  @Test
  void refusedPortIsNamed() {
    SQLException e =
        failure(
            DataSourceConfig.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:1/test")
                .username("lp_jdbc")
                .password(SECRET));
    assertThat(e.getMessage()).contains("Cannot connect to jdbc:postgresql://127.0.0.1:1/test");
    assertThat(e.getMessage()).containsIgnoringCase("refused");
  }

  @Test
  void unreachableHostIsNamedWithinTheAcquireTimeout() {
    SQLException e =
        failure(
            DataSourceConfig.builder()
                .jdbcUrl("jdbc:postgresql://10.255.255.1:5432/test")
                .username("lp_jdbc")
                .password(SECRET));
    // A black-holed address times out, a network without a route fails at once, and some
    // sandboxes answer every address with a middlebox; in every case the host and the driver's
    // reason are in the message.
    assertThat(e.getMessage())
        .contains("Last connection creation error")
        .contains("Cannot connect to jdbc:postgresql://10.255.255.1:5432/test");
  }

  @Test
  void hostThatNeverAnswersTimesOutWithinTheAcquireTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new CopyOnWriteArrayList<>(); // accepted, never answered
      Thread.ofVirtual()
          .start(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    accepted.add(silent.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      SQLException e =
          failure(
              DataSourceConfig.builder()
                  .jdbcUrl("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test")
                  .username("lp_jdbc")
                  .password(SECRET));
      assertThat(e.getMessage())
          .contains("Cannot connect to jdbc:postgresql://127.0.0.1:" + silent.getLocalPort())
          .containsIgnoringCase("timed out");
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @AfterAll
  static void dropUser() throws SQLException {
    try {
      Databases.exec(Databases.Db.MARIADB, "drop user if exists 'lp_jdbc_user'@'%'");
    } catch (SQLException e) {
      if (Databases.REQUIRED) {
        throw e;
      }
    }
  }
}
