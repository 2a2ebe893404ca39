package io.leakproof.cli.internal.pool;

import java.sql.SQLException;

/** Opens one kind of pool with the common settings. */
@FunctionalInterface
public interface PoolFactory {
  /**
   * Opens a pool.
   *
   * @param spec the settings
   * @return the open pool
   * @throws SQLException if the pool cannot start (bad settings, database unreachable)
   */
  PoolUnderTest open(PoolSpec spec) throws SQLException;
}
