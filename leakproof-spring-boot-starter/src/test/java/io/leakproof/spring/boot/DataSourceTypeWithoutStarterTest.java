package io.leakproof.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.jdbc.LeakproofDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code spring.datasource.type=io.leakproof.jdbc.LeakproofDataSource} with Spring Boot's own
 * DataSource auto-configuration only (the starter's is not loaded): Boot's DataSourceBuilder
 * creates it through the no-argument constructor and the JavaBean setters.
 */
class DataSourceTypeWithoutStarterTest {

  @Test
  void dataSourceBuilderBuildsAWorkingLeakproofDataSource() throws Exception {
    DataSource ds =
        DataSourceBuilder.create()
            .type(LeakproofDataSource.class)
            .url("jdbc:h2:mem:lp_spring_builder;DB_CLOSE_DELAY=-1")
            .username("sa")
            .password("")
            .driverClassName("org.h2.Driver")
            .build();
    try (LeakproofDataSource lp = (LeakproofDataSource) ds;
        Connection c = lp.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
      assertThat(lp.config().jdbcUrl()).isEqualTo("jdbc:h2:mem:lp_spring_builder;DB_CLOSE_DELAY=-1");
      assertThat(lp.config().username()).isEqualTo("sa");
    }
  }

  @Test
  void springDatasourceTypeWorksWithBootsOwnAutoConfiguration() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.type=io.leakproof.jdbc.LeakproofDataSource",
            "spring.datasource.url=jdbc:h2:mem:lp_spring_type;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              LeakproofDataSource ds = (LeakproofDataSource) ctx.getBean(DataSource.class);
              try (Connection c = ds.getConnection()) {
                assertThat(c.getMetaData().getURL()).startsWith("jdbc:h2:mem:lp_spring_type");
              }
              assertThat(ds.isStarted()).isTrue();
            });
  }
}
