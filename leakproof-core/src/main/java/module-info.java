/**
 * Leakproof core: a pool engine whose limit always holds and which leaked leases cannot exhaust.
 * Exports only the API ({@code io.leakproof}) and the integrator SPI ({@code io.leakproof.spi});
 * the engine lives in {@code io.leakproof.internal}.
 */
module io.leakproof.core {
  requires static transitive com.google.errorprone.annotations;
  requires jdk.jfr;
  requires java.management;

  exports io.leakproof;
  exports io.leakproof.spi;
  exports io.leakproof.management;
}
