package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** LeakproofDataSource configured as a JavaBean: no-argument constructor, setters, lazy start. */
class JavaBeanDataSourceTest {

  private static LeakproofDataSource h2Bean() {
    LeakproofDataSource ds = new LeakproofDataSource();
    ds.setJdbcUrl(Databases.newH2Url());
    ds.setUsername("sa");
    ds.setPassword("");
    ds.configure(b -> b.pool(p -> p.logging(false)));
    return ds;
  }

  @Test
  void settersWithHikariNamesConfigureThePoolThatStartsOnFirstUse() throws Exception {
    try (LeakproofDataSource ds = h2Bean()) {
      ds.setMaximumPoolSize(3);
      ds.setMinimumIdle(1);
      ds.setConnectionTimeout(2500);
      ds.setIdleTimeout(60_000);
      ds.setMaxLifetime(600_000);
      ds.setLeakDetectionThreshold(30_000);
      ds.setPoolName("bean-pool");
      ds.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
      ds.setDriverClassName("org.h2.Driver");
      assertThat(ds.isStarted()).isFalse();
      assertThat(ds.toString()).contains("not started");
      try (Connection c = ds.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      }
      assertThat(ds.isStarted()).isTrue();
      assertThat(ds.pool().name()).isEqualTo("bean-pool");
      assertThat(ds.config().poolConfig().maxSize()).isEqualTo(3);
      assertThat(ds.config().poolConfig().minIdle()).isEqualTo(1);
      assertThat(ds.config().poolConfig().acquireTimeout()).isEqualTo(Duration.ofMillis(2500));
      assertThat(ds.config().poolConfig().leakWarningThreshold()).isEqualTo(Duration.ofSeconds(30));
      assertThat(ds.getLoginTimeout()).isEqualTo(3);
    }
  }

  @Test
  void setterAfterStartFailsClearly() throws Exception {
    try (LeakproofDataSource ds = h2Bean()) {
      ds.start();
      ds.start(); // idempotent
      assertThatThrownBy(() -> ds.setMaximumPoolSize(5))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is started")
          .hasMessageContaining("immutable");
      assertThat(ds.config().poolConfig().maxSize()).isEqualTo(10); // unchanged
    }
  }

  @Test
  void badValueInASetterNamesPropertyValueAndRule() {
    LeakproofDataSource ds = new LeakproofDataSource();
    assertThatThrownBy(() -> ds.setMaximumPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSize must be >= 1 but was 0");
    assertThatThrownBy(() -> ds.setJdbcUrl("postgresql://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbcUrl must be a URL starting with 'jdbc:'");
    assertThatThrownBy(() -> ds.setTransactionIsolation("SOMETIMES"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("isolation must be one of")
        .hasMessageContaining("SOMETIMES");
  }

  @Test
  void missingUrlFailsAtStartAndGetConnectionSaysWhy() {
    LeakproofDataSource ds = new LeakproofDataSource();
    assertThatThrownBy(ds::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set jdbcUrl, dataSource or dataSourceClassName");
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("cannot start")
        .hasMessageContaining("jdbcUrl");
    ds.setJdbcUrl(Databases.newH2Url()); // still configurable: it never started
    ds.close();
  }

  @Test
  void closedBeforeStartStaysClosed() {
    LeakproofDataSource ds = h2Bean();
    ds.close();
    assertThat(ds.isClosed()).isTrue();
    assertThatThrownBy(() -> ds.setMaxSize(2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("closed before it started");
  }

  @Test
  void propertiesWithLeakproofAndHikariNamesShareTheSettingsTable() throws Exception {
    try (LeakproofDataSource ds = h2Bean()) {
      Properties p = new Properties();
      p.setProperty("maximumPoolSize", "4");
      p.setProperty("connectionTimeout", "1500"); // HikariCP's milliseconds
      p.setProperty("maxHoldTime", "5m");
      ds.setProperties(p);
      ds.start();
      assertThat(ds.config().poolConfig().maxSize()).isEqualTo(4);
      assertThat(ds.config().poolConfig().acquireTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(ds.config().poolConfig().maxHoldTime()).isEqualTo(Duration.ofMinutes(5));
    }
  }
}
