/**
 * The public API of Leakproof's pool engine: {@link io.leakproof.Pool}, {@link io.leakproof.Lease}, {@link io.leakproof.PoolConfig}, stats, dumps and exceptions.
 */
package io.leakproof;
