package io.leakproof.jdbc;

import java.sql.Connection;

/** The transaction isolation levels of JDBC, for {@link DataSourceConfig.Builder#isolation}. */
public enum IsolationLevel {
  /** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  /** {@link Connection#TRANSACTION_READ_COMMITTED}. */
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  /** {@link Connection#TRANSACTION_REPEATABLE_READ}. */
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  /** {@link Connection#TRANSACTION_SERIALIZABLE}. */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int jdbcLevel;

  IsolationLevel(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  /**
   * Returns the level as the JDBC constant.
   *
   * @return one of the {@code Connection.TRANSACTION_*} constants
   */
  public int jdbcLevel() {
    return jdbcLevel;
  }
}
