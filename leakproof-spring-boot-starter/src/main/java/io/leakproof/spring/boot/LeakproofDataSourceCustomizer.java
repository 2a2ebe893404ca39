package io.leakproof.spring.boot;

import io.leakproof.jdbc.DataSourceConfig;

/**
 * Changes the auto-configured data source's settings in code, after the
 * {@code spring.datasource.*} properties are applied and before the pool starts. Declare one or
 * more as beans:
 *
 * <pre>{@code
 * @Bean
 * LeakproofDataSourceCustomizer traceIds(Tracer tracer) {
 *   return builder -> builder.pool(p -> p.tagSupplier(() -> tracer.currentSpan().traceId()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LeakproofDataSourceCustomizer {

  /**
   * Changes settings.
   *
   * @param builder the settings so far; its setters validate as usual
   */
  void customize(DataSourceConfig.Builder builder);
}
