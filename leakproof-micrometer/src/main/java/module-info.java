/**
 * Leakproof Micrometer: meters for any Leakproof pool (see
 * {@link io.leakproof.micrometer.PoolMetrics}). Prometheus exposition comes from Micrometer's own
 * Prometheus registry.
 */
// Micrometer ships an Automatic-Module-Name, not a module-info; our API takes its MeterRegistry,
// so readers of this module must read micrometer.core too: requires transitive is right here.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.leakproof.micrometer {
  requires transitive io.leakproof.core;
  requires transitive micrometer.core;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.micrometer;
}
