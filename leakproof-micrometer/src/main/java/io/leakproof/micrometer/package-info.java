/**
 * Micrometer meters for Leakproof pools: {@link io.leakproof.micrometer.PoolMetrics} (the
 * listener and binder) and {@link io.leakproof.micrometer.MeterNames} (every meter's name).
 */
package io.leakproof.micrometer;
