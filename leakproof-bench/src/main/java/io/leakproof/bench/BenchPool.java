package io.leakproof.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One pool under measurement, seen the same way for every implementation: the benchmarks call
 * these methods and nothing else, so each measures a pool's borrow and return, not the harness.
 *
 * <p>For a JDBC pool ({@link DataSourcePool}) a borrow is {@code getConnection()} and a return is
 * {@code Connection.close()}. For Leakproof it is whatever {@link LeakproofAdapter} uses today.
 */
public interface BenchPool extends AutoCloseable {

  /**
   * One connection cycle: borrows a connection and gives it back at once.
   *
   * @return an object of the cycle, for the benchmark's blackhole
   * @throws SQLException if the borrow fails (a timeout, for a pool that is exhausted)
   * @throws RuntimeException what a non-JDBC pool throws on a failed borrow
   */
  Object cycle() throws SQLException;

  /**
   * Borrows a connection and never gives it back: the caller drops every reference to what this
   * returns (a leak, as in the leak-storm benchmark).
   *
   * @return the abandoned handle, for the blackhole
   * @throws SQLException if the borrow fails
   */
  Object leak() throws SQLException;

  /**
   * Borrows a connection to hold across many operations (the statement cycle).
   *
   * @return the held connection; close it to give the connection back
   * @throws SQLException if the borrow fails
   */
  Held hold() throws SQLException;

  /**
   * Closes the pool. Never throws: a benchmark's teardown must not fail the run.
   */
  @Override
  void close();

  /** A borrowed connection held by one benchmark thread. */
  interface Held extends AutoCloseable {

    /**
     * Returns the connection to run statements on.
     *
     * @return the pool's connection (its wrapper, when the pool wraps)
     */
    Connection connection();

    /**
     * Gives the connection back.
     *
     * @throws SQLException if the pool's close fails
     */
    @Override
    void close() throws SQLException;
  }
}
