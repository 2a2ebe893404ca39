package io.leakproof.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.jdbc.LeakproofDataSource;
import example.notes.LeakController;
import example.notes.NoteService;
import example.notes.NotesApplication;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application with only the starter and {@code spring.datasource.*} properties, on
 * PostgreSQL with Flyway, JPA and JdbcTemplate, on a real embedded server at 127.0.0.1.
 * {@link HikariPostgresIT} runs the same leaking endpoint on HikariCP, which exhausts.
 */
@SpringBootTest(
    classes = NotesApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "spring.datasource.url=" + Postgres.URL + "?currentSchema=" + LeakproofPostgresIT.SCHEMA,
      "spring.datasource.username=" + Postgres.USER,
      "spring.datasource.name=lp-spring-it",
      "spring.datasource.leakproof.max-size=40",
      "spring.datasource.leakproof.call-site-capture=all",
      "spring.datasource.leakproof.gc-on-exhaustion=50ms",
      "spring.datasource.leakproof.logging=false",
      "spring.flyway.schemas=" + LeakproofPostgresIT.SCHEMA,
      "spring.flyway.locations=classpath:db/lp-spring",
      "spring.jpa.open-in-view=false",
      "spring.jpa.hibernate.ddl-auto=validate",
      "management.endpoints.web.exposure.include=health,leakproof",
      "management.endpoint.health.show-details=always"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeakproofPostgresIT {
  static final String SCHEMA = "lp_spring_it";
  static final int REQUESTS = Integer.getInteger("lp.requests", 2_000);

  @Autowired DataSource dataSource;
  @Autowired NoteService notes;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @BeforeAll
  static void database() throws Exception {
    Postgres.requireWithFreshSchema(SCHEMA);
  }

  @Test
  @Order(1)
  void transactionalWorkRollsBackRunsReadOnlyAndSerializableAndLeavesCleanConnections()
      throws Exception {
    assertThat(dataSource).isInstanceOf(LeakproofDataSource.class);
    assertThatThrownBy(() -> notes.saveThenFail(1)).isInstanceOf(IllegalStateException.class);
    assertThat(jdbc.queryForObject("select count(*) from note where id in (1, 2)", Long.class))
        .isZero();
    notes.save(3);
    assertThat(jdbc.queryForObject("select count(*) from note where id = 3", Long.class)).isOne();

    Map<String, Object> readOnly = notes.readOnlyState();
    assertThat(readOnly.get("read_only")).isEqualTo("on");
    Map<String, Object> serializable = notes.serializableState();
    assertThat(serializable.get("isolation")).isEqualTo("serializable");

    // Every connection of the pool at once, so the ones the transactions used are among them.
    List<Connection> all = new ArrayList<>();
    List<Integer> pids = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        all.add(dataSource.getConnection());
      }
      for (Connection c : all) {
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(c.isReadOnly()).isFalse();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "select current_setting('transaction_read_only'),"
                        + " current_setting('transaction_isolation'), pg_backend_pid()")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("off");
          assertThat(rs.getString(2)).isEqualTo("read committed");
          pids.add(rs.getInt(3));
        }
      }
      assertThat(pids).contains(((Number) readOnly.get("pid")).intValue(),
          ((Number) serializable.get("pid")).intValue());
    } finally {
      for (Connection c : all) {
        c.close();
      }
    }
  }

  @Test
  @Order(2)
  @org.junit.jupiter.api.Timeout(300)
  void leakingEndpointUnderLoadKeepsServingAndTheEndpointNamesTheControllersLine()
      throws Exception {
    long start = System.nanoTime();
    Map<Integer, Long> statuses = Load.run(port, "/leak", REQUESTS, 50);
    System.out.printf("took %d ms, %s%n", (System.nanoTime() - start) / 1_000_000, ((LeakproofDataSource) dataSource).pool().stats());
    System.out.println("Leakproof, 2,000 requests to /leak, 50 at a time: " + statuses);
    assertThat(statuses).containsExactly(Map.entry(200, (long) REQUESTS));
    assertThat(Load.get(port, "/count")).isEqualTo("1");

    String report = Load.get(port, "/actuator/leakproof");
    String site = "example.notes.LeakController.leak(LeakController.java:"
        + LeakController.LEAK_LINE + ")";
    assertThat(report).contains("\"leaks\":[{\"callSite\":\"" + site + "\"");
    assertThat(report).contains("\"pool\":\"lp-spring-it\"");
    String health = Load.get(port, "/actuator/health/leakproof");
    assertThat(health).contains("\"status\":\"UP\"").contains("leaksReclaimed");
    LeakproofDataSource ds = (LeakproofDataSource) dataSource;
    assertThat(ds.pool().stats().leaksReclaimed()).isGreaterThanOrEqualTo(REQUESTS - 10);
  }
}
