package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.micrometer.PoolMetrics;
import io.leakproof.spring.boot.InvalidLeakproofSettingException;
import io.leakproof.spring.boot.LeakproofDataSourceCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Makes Leakproof the application's {@link DataSource}, before Spring Boot's own DataSource
 * auto-configuration (which then backs off). Connection settings come from
 * {@code spring.datasource.url/username/password/driver-class-name}, pool settings from
 * {@code spring.datasource.leakproof.*}, then {@link LeakproofDataSourceCustomizer} beans. Backs
 * off when the application defines its own DataSource or sets {@code spring.datasource.type} to
 * another pool.
 *
 * <p>Call sites skip Spring, Hibernate and proxy frames, so that a leak is reported at the
 * application's own line (the controller or service), not at {@code JdbcTemplate}.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({LeakproofDataSource.class, DataSourceProperties.class})
@ConditionalOnMissingBean(DataSource.class)
@ConditionalOnProperty(
    name = "spring.datasource.type",
    havingValue = "io.leakproof.jdbc.LeakproofDataSource",
    matchIfMissing = true)
@EnableConfigurationProperties(DataSourceProperties.class)
public class LeakproofDataSourceAutoConfiguration {

  /** Frameworks between the application and the pool: never the call site of a leak. */
  static final String[] FRAMEWORK_PREFIXES = {
    "org.springframework.", "org.hibernate.", "org.flywaydb.", "jdk.proxy", "com.sun.proxy.",
    "jakarta.persistence."
  };

  /**
   * The data source, started: its pool opens its first connections in the background.
   *
   * @param properties {@code spring.datasource.*}
   * @param environment for {@code spring.datasource.leakproof.*}
   * @param customizers the application's customizers, in order
   * @param registries the meter registry, if the application has one
   * @return the data source
   * @throws InvalidLeakproofSettingException if a setting is invalid or settings conflict
   */
  @Bean
  public LeakproofDataSource dataSource(
      DataSourceProperties properties,
      Environment environment,
      ObjectProvider<LeakproofDataSourceCustomizer> customizers,
      ObjectProvider<MeterRegistry> registries) {
    DataSourceConfig.Builder builder = DataSourceConfig.builder();
    builder.pool(p -> p.callSiteSkipPrefixes(FRAMEWORK_PREFIXES));
    if (StringUtils.hasText(properties.getName())) {
      apply("spring.datasource.name", properties.getName(), () -> builder.pool(p -> p.name(properties.getName())));
    }
    String url = properties.determineUrl();
    apply("spring.datasource.url", url, () -> builder.jdbcUrl(url));
    String driver = properties.getDriverClassName();
    if (StringUtils.hasText(driver)) {
      apply("spring.datasource.driver-class-name", driver, () -> builder.driverClassName(driver));
    }
    String user = properties.determineUsername();
    if (StringUtils.hasText(user)) {
      builder.username(user);
    }
    String password = properties.determinePassword();
    if (password != null) {
      builder.password(password);
    }
    LeakproofSettings.apply(environment, builder);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    MeterRegistry registry = registries.getIfAvailable();
    PoolMetrics metrics = registry == null ? null : PoolMetrics.create();
    if (metrics != null) {
      builder.pool(p -> p.listener(metrics));
    }
    DataSourceConfig config;
    try {
      config = builder.build();
    } catch (IllegalStateException | IllegalArgumentException conflict) {
      throw new InvalidLeakproofSettingException(
          "spring.datasource", "(the settings together)", conflict.getMessage(), conflict);
    }
    LeakproofDataSource ds = LeakproofDataSource.open(config);
    if (metrics != null) {
      metrics.bindTo(ds.pool(), registry);
    }
    return ds;
  }

  /**
   * Registers every Leakproof data source's MXBean ({@code io.leakproof:type=Pool,name=...}) and
   * unregisters it when the context closes. Off with {@code spring.jmx.enabled=false}.
   *
   * @param dataSources the data sources
   * @return the registrations
   */
  @Bean
  @ConditionalOnProperty(name = "spring.jmx.enabled", havingValue = "true", matchIfMissing = true)
  public LeakproofMBeans leakproofMBeans(ObjectProvider<LeakproofDataSource> dataSources) {
    return new LeakproofMBeans(dataSources);
  }

  private static void apply(String property, String value, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException bad) {
      throw new InvalidLeakproofSettingException(property, "'" + value + "'", bad.getMessage(), bad);
    }
  }
}
