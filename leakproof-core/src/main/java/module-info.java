/**
 * Leakproof core: a pool engine whose limit always holds and which leaked leases cannot exhaust.
 * Exports the API ({@code io.leakproof}), the integrator SPI ({@code io.leakproof.spi}) and the
 * JMX management beans ({@code io.leakproof.management}); the engine lives in
 * {@code io.leakproof.internal}, which is not exported.
 */
module io.leakproof.core {
  // Static and not transitive: only the @MustBeClosed annotations use it, and an application
  // module must compile without it (ModulePathTest).
  requires static com.google.errorprone.annotations;
  requires jdk.jfr;
  requires java.management;

  exports io.leakproof;
  exports io.leakproof.spi;
  exports io.leakproof.management;
}
