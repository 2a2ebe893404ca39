package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.jdbc.LeakproofDataSource;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator side, when the application has Actuator: the {@code leakproof} health contributor
 * and the {@code leakproof} endpoint (exposed over HTTP like any endpoint, with
 * {@code management.endpoints.web.exposure.include=health,leakproof}).
 */
@AutoConfiguration(after = LeakproofDataSourceAutoConfiguration.class)
@ConditionalOnBean(LeakproofDataSource.class)
public class LeakproofActuatorAutoConfiguration {

  /** Creates the configuration (by Spring). */
  public LeakproofActuatorAutoConfiguration() {}

  /** The health contributor, when spring-boot-health is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("leakproof")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "leakproofHealthIndicator")
    LeakproofHealthIndicator leakproofHealthIndicator(Map<String, LeakproofDataSource> dataSources) {
      return new LeakproofHealthIndicator(dataSources);
    }
  }

  /** The endpoint, when spring-boot-actuator is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  @ConditionalOnAvailableEndpoint(endpoint = LeakproofEndpoint.class)
  static class Endpoints {
    @Bean
    @ConditionalOnMissingBean
    LeakproofEndpoint leakproofEndpoint(Map<String, LeakproofDataSource> dataSources) {
      return new LeakproofEndpoint(dataSources);
    }
  }
}
