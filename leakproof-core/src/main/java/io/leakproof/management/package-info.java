/**
 * JMX management of pools: one {@link io.leakproof.management.PoolMXBean} per pool, registered
 * with {@link io.leakproof.management.PoolMXBeans#register} under
 * {@code io.leakproof:type=Pool,name=<pool>}.
 *
 * <p>Rule for everything in this package (docs/design.md promise 6): an attribute or operation
 * exposes counts, durations, call sites, thread names and the resource descriptions that
 * {@link io.leakproof.spi.ResourceFactory#describe} returns. It never exposes a password or any
 * other credential: the core pool has none, and adapters that hold one (JDBC) keep it out of
 * {@code describe}. A new attribute that would need a secret does not belong here.
 */
package io.leakproof.management;
