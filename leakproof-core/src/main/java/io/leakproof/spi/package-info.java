/**
 * What integrators implement or extend: {@link io.leakproof.spi.ResourceFactory} (create, validate, reset, destroy), {@link io.leakproof.spi.PoolListener} (the observation channel) and {@link io.leakproof.spi.LeaseHandle} (an adapter's own lease handle).
 */
package io.leakproof.spi;
