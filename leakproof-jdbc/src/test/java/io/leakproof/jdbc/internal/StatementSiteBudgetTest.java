package io.leakproof.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import io.leakproof.CallSiteCapture;
import io.leakproof.jdbc.Databases;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.jdbc.StatementLeak;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A sampled lease captures the creation sites of its first {@link
 * JdbcContext#SITES_PER_SAMPLED_LEASE} statements only (its cost is bounded however many
 * statements it runs); {@code callSiteCapture=ALL} captures every one. The report lists at most
 * {@link JdbcContext#MAX_SITES_PER_REPORT} sites and counts the other captured ones as "N more",
 * which is how these tests count captures.
 */
class StatementSiteBudgetTest {

  private static final int BUDGET = JdbcContext.SITES_PER_SAMPLED_LEASE;
  private static final int LISTED = JdbcContext.MAX_SITES_PER_REPORT;

  private static StatementLeak leakOf(CallSiteCapture capture, int closed, int open)
      throws SQLException {
    List<StatementLeak> leaks = new CopyOnWriteArrayList<>();
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2()
                // every lease sampled
                .pool(p -> p.maxSize(1).callSiteCapture(capture).callSiteSampleRate(1))
                .statementLeakListener(leaks::add)
                .build())) {
      try (Connection c = Borrowers.borrow(ds)) {
        Borrowers.runThenLeaveOpen(c, closed, open);
      }
    }
    assertThat(leaks).hasSize(1);
    assertThat(leaks.get(0).statements()).isEqualTo(open);
    return leaks.get(0);
  }

  @Test
  void sampledLeaseCapturesOnlyItsFirstStatements() throws SQLException {
    int open = BUDGET + 24;
    StatementLeak leak = leakOf(CallSiteCapture.SAMPLED, 0, open);
    assertThat(leak.creationSites())
        .hasSize(LISTED)
        .allMatch(s -> s.startsWith("example.app.Borrowers.runThenLeaveOpen("));
    assertThat(leak.message()).contains(" and " + (BUDGET - LISTED) + " more.");
  }

  @Test
  void closedStatementsUseTheBudgetToo() throws SQLException {
    StatementLeak leak = leakOf(CallSiteCapture.SAMPLED, BUDGET, 1);
    assertThat(leak.creationSites()).isEmpty();
  }

  @Test
  void sampledLeaseWithinTheBudgetHasEverySite() throws SQLException {
    StatementLeak leak = leakOf(CallSiteCapture.SAMPLED, BUDGET - 2, 2);
    assertThat(leak.creationSites())
        .hasSize(2)
        .allMatch(s -> s.startsWith("example.app.Borrowers.runThenLeaveOpen("));
  }

  @Test
  void captureAllCapturesEveryStatement() throws SQLException {
    int open = BUDGET + 24;
    StatementLeak leak = leakOf(CallSiteCapture.ALL, BUDGET, open);
    assertThat(leak.creationSites()).hasSize(LISTED);
    assertThat(leak.message()).contains(" and " + (open - LISTED) + " more.");
  }
}
