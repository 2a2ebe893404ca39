package io.leakproof.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The PreparedStatement a borrower gets; see {@link LeakproofStatement} for the policy. */
class LeakproofPreparedStatement extends PreparedStatementDelegation {

  private final PreparedStatement prepared;

  LeakproofPreparedStatement(
      LeakproofConnection connection, PreparedStatement raw, StackTraceElement site) {
    super(connection, raw, site);
    this.prepared = raw;
  }

  @Override
  final PreparedStatement prepared() throws SQLException {
    statement(); // checks that the statement and its connection are open
    return prepared;
  }
}
