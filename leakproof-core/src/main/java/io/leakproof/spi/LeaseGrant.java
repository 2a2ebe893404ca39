package io.leakproof.spi;

/**
 * The pool's permission to bind one {@link LeaseHandle} to a resource it just reserved. The pool
 * passes a grant to the handle factory given to
 * {@link io.leakproof.internal.RealPool#acquire(java.time.Duration, java.util.function.Function)};
 * the factory passes it straight to the handle's constructor. A grant is valid only during that
 * call and binds exactly one handle.
 *
 * @param <R> the resource type
 */
public interface LeaseGrant<R> {}
