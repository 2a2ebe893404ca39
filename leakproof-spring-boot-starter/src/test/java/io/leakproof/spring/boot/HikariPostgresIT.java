package io.leakproof.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import example.notes.NotesApplication;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same application and leaking endpoint as {@link LeakproofPostgresIT}, on HikariCP (the
 * starter backs off for {@code spring.datasource.type}): the pool exhausts after its ten
 * connections, which shows that the load test can fail.
 */
@SpringBootTest(
    classes = NotesApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "spring.datasource.type=com.zaxxer.hikari.HikariDataSource",
      "spring.datasource.url=" + Postgres.URL + "?currentSchema=" + HikariPostgresIT.SCHEMA,
      "spring.datasource.username=" + Postgres.USER,
      "spring.datasource.hikari.maximum-pool-size=10",
      "spring.datasource.hikari.connection-timeout=250",
      "spring.flyway.schemas=" + HikariPostgresIT.SCHEMA,
      "spring.flyway.locations=classpath:db/lp-spring",
      "spring.jpa.open-in-view=false",
      "spring.jpa.hibernate.ddl-auto=validate"
    })
class HikariPostgresIT {
  static final String SCHEMA = "lp_spring_hikari";

  @Autowired DataSource dataSource;
  @LocalServerPort int port;

  @BeforeAll
  static void database() throws Exception {
    Postgres.requireWithFreshSchema(SCHEMA);
  }

  @Test
  void sameLeakingEndpointExhaustsHikariCp() throws Exception {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    Map<Integer, Long> statuses = Load.run(port, "/leak", 2_000, 50);
    System.out.println("HikariCP, 2,000 requests to /leak, 50 at a time: " + statuses);
    assertThat(statuses.getOrDefault(200, 0L)).isLessThanOrEqualTo(10);
    assertThat(statuses.getOrDefault(500, 0L)).isGreaterThanOrEqualTo(1_990);
    ((HikariDataSource) dataSource).close(); // give the leaked connections back to the server
  }
}
