/**
 * The pools the CLI measures, behind one small interface ({@link
 * io.leakproof.cli.internal.pool.PoolUnderTest}): HikariCP, Agroal and DBCP2 now, Leakproof's own
 * {@code LeakproofDataSource} when {@code leakproof-jdbc} is in the build ({@link
 * io.leakproof.cli.internal.pool.PoolKind}). Also the counting JDBC driver that tells physical
 * connects from reuse, the acquisition timer, and the capture of each pool's leak reports.
 */
package io.leakproof.cli.internal.pool;
