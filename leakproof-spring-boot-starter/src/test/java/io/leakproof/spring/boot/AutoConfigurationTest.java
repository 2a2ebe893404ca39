package io.leakproof.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.leakproof.CallSiteCapture;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.spring.boot.autoconfigure.LeakproofActuatorAutoConfiguration;
import io.leakproof.spring.boot.autoconfigure.LeakproofDataSourceAutoConfiguration;
import io.leakproof.spring.boot.autoconfigure.LeakproofFailureAnalyzer;
import io.leakproof.spring.boot.autoconfigure.LeakproofMBeans;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration on H2, without a web server: what it creates, binds and rejects. */
class AutoConfigurationTest {

  private static final AtomicInteger DB = new AtomicInteger();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  LeakproofDataSourceAutoConfiguration.class,
                  LeakproofActuatorAutoConfiguration.class,
                  DataSourceAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:lp_spring_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
              "spring.datasource.username=sa",
              "spring.datasource.password=",
              "spring.datasource.leakproof.logging=false");

  @Test
  void leakproofIsTheDataSourceWithSpringAndLeakproofProperties() {
    runner
        .withPropertyValues(
            "spring.datasource.name=lp-auto-1",
            "spring.datasource.leakproof.max-size=7",
            "spring.datasource.leakproof.acquireTimeout=4s",
            "spring.datasource.leakproof.call-site-capture=all",
            "spring.datasource.leakproof.driver.TRACE_LEVEL_FILE=0")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(DataSource.class);
              LeakproofDataSource ds = ctx.getBean(LeakproofDataSource.class);
              DataSourceConfig c = ds.config();
              assertThat(c.poolConfig().name()).isEqualTo("lp-auto-1");
              assertThat(c.poolConfig().maxSize()).isEqualTo(7);
              assertThat(c.poolConfig().acquireTimeout()).isEqualTo(Duration.ofSeconds(4));
              assertThat(c.poolConfig().callSiteCapture()).isEqualTo(CallSiteCapture.ALL);
              assertThat(c.poolConfig().callSiteSkipPrefixes()).contains("org.springframework.");
              assertThat(c.driverProperties().getProperty("TRACE_LEVEL_FILE")).isEqualTo("0");
              try (Connection conn = ds.getConnection()) {
                assertThat(conn.isValid(1)).isTrue();
              }
            });
  }

  @Test
  void metricsAndJmxAreBoundAutomatically() throws Exception {
    runner
        .withPropertyValues("spring.datasource.name=lp-auto-jmx")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            ctx -> {
              MeterRegistry registry = ctx.getBean(MeterRegistry.class);
              assertThat(registry.find("leakproof.connections.max").tag("pool", "lp-auto-jmx").gauge())
                  .as("meters: %s", registry.getMeters().stream().map(m -> m.getId().getName()).distinct().toList())
                  .isNotNull();
              List<String> names = ctx.getBean(LeakproofMBeans.class).objectNames();
              assertThat(names).hasSize(1);
              assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(names.get(0))))
                  .isTrue();
            });
    // Closing the context unregisters the MXBean.
    assertThat(
            ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("io.leakproof:*,name=lp-auto-jmx"), null))
        .isEmpty();
  }

  @Test
  void badValueFailsStartWithPropertyValueAndRule() {
    runner
        .withPropertyValues("spring.datasource.leakproof.max-size=0")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              FailureAnalysis analysis = new LeakproofFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains("spring.datasource.leakproof.max-size")
                  .contains("'0'")
                  .contains("maxSize must be >= 1 but was 0");
              assertThat(analysis.getAction()).contains("spring.datasource.leakproof.max-size");
            });
  }

  @Test
  void unknownOrMalformedSettingsFailStartAndSecretsAreNotPrinted() {
    runner
        .withPropertyValues("spring.datasource.leakproof.max-sise=3")
        .run(
            ctx -> {
              FailureAnalysis a = new LeakproofFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(a.getDescription())
                  .contains("spring.datasource.leakproof.max-sise")
                  .contains("not a Leakproof setting")
                  .contains("max-size");
            });
    runner
        .withPropertyValues("spring.datasource.leakproof.idle-timeout=600000")
        .run(
            ctx -> {
              FailureAnalysis a = new LeakproofFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(a.getDescription())
                  .contains("spring.datasource.leakproof.idle-timeout")
                  .contains("'600000'")
                  .contains("must be a duration with a unit");
            });
    runner
        .withPropertyValues("spring.datasource.leakproof.min-idle=5", "spring.datasource.leakproof.max-size=2")
        .run(
            ctx -> {
              FailureAnalysis a = new LeakproofFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(a.getDescription()).contains("minIdle (5) must not exceed maxSize (2)");
            });
  }

  @Test
  void backsOffForAnotherPoolTypeOrTheApplicationsOwnDataSource() {
    runner
        .withPropertyValues("spring.datasource.type=com.zaxxer.hikari.HikariDataSource")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(DataSource.class);
              assertThat(ctx.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
            });
    LeakproofDataSource own = new LeakproofDataSource();
    runner
        .withBean("myDataSource", DataSource.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(DataSource.class)).isSameAs(own));
  }

  @Test
  void configurationMetadataNamesEverySettingOfTheOneTable() throws Exception {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    json = json.substring(0, json.indexOf("\"hints\"")); // properties only
    List<String> documented = new ArrayList<>();
    Matcher m = Pattern.compile("\"name\": \"spring\\.datasource\\.leakproof\\.([a-z-]+)\"").matcher(json);
    while (m.find()) {
      documented.add(m.group(1));
    }
    List<String> expected = new ArrayList<>();
    for (String s : DataSourceConfig.settingNames()) {
      if (!List.of("jdbcUrl", "driverClassName", "username", "password").contains(s)) {
        expected.add(s.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
  }
}
