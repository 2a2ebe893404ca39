package io.leakproof.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.LeakproofDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Children the driver closed by itself do not pile up in their owner's list. */
class ChildTrackingTest {

  private static LeakproofDataSource h2() {
    return LeakproofDataSource.open(
        DataSourceConfig.builder().jdbcUrl("jdbc:h2:mem:lp_jdbc_tracking").pool(p -> p.logging(false)).build());
  }

  @Test
  void statementsClosedOnCompletionArePruned() throws SQLException {
    try (LeakproofDataSource ds = h2();
        Connection c = ds.getConnection()) {
      for (int i = 0; i < 5_000; i++) {
        @SuppressWarnings("resource") // closeOnCompletion: the driver closes it with its ResultSet
        Statement s = c.createStatement();
        s.closeOnCompletion();
        s.executeQuery("select " + i).close();
      }
      assertThat(((LeakproofConnection) c).trackedChildren()).isLessThan(2 * ChildList.FIRST_PRUNE);
    }
  }

  @Test
  void resultSetsClosedByReExecutionArePruned() throws SQLException {
    try (LeakproofDataSource ds = h2();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (int i = 0; i < 5_000; i++) {
        @SuppressWarnings("unused") // never closed: the next execution closes it
        ResultSet rs = s.executeQuery("select " + i);
      }
      assertThat(((LeakproofStatement) s).trackedResultSets()).isLessThan(2 * ChildList.FIRST_PRUNE);
      assertThat(((LeakproofConnection) c).trackedChildren()).isEqualTo(1);
    }
  }
}
