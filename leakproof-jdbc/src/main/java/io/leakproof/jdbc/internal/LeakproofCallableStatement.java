package io.leakproof.jdbc.internal;

import java.sql.CallableStatement;
import java.sql.SQLException;

/** The CallableStatement a borrower gets; see {@link LeakproofStatement} for the policy. */
final class LeakproofCallableStatement extends CallableStatementDelegation {

  private final CallableStatement callable;

  LeakproofCallableStatement(
      LeakproofConnection connection, CallableStatement raw, StackTraceElement site) {
    super(connection, raw, site);
    this.callable = raw;
  }

  @Override
  CallableStatement callable() throws SQLException {
    statement(); // checks that the statement and its connection are open
    return callable;
  }
}
