package io.leakproof.cli.internal.pool;

/**
 * A pool the user chose by name, with the factory that opens it.
 *
 * @param name the name on the command line, for example {@code hikaricp}
 * @param factory opens the pool
 */
public record PoolChoice(String name, PoolFactory factory) {}
