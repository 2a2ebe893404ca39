package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import io.leakproof.CloseReason;
import io.leakproof.LeakReclaimPolicy;
import io.leakproof.Pool;
import io.leakproof.PoolStats;
import io.leakproof.testkit.RecordingListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The wrappers' contract, on H2: they end closed, point back to each other, delegate every method
 * of the JDBC interfaces, and keep the connection reachable exactly as long as the borrower holds
 * any of them.
 */
// Several tests leak on purpose, or hold wrappers across a close to prove they fail afterwards.
@SuppressWarnings("MustBeClosedChecker")
class WrapperContractTest {

  @Test
  void closedConnectionFailsEveryCallWithConnectionIsClosed() throws Exception {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().pool(p -> p.maxSize(1)).build())) {
      Connection c = ds.getConnection();
      c.close();
      c.close(); // idempotent
      assertThat(c.isClosed()).isTrue();
      assertThat(c.isValid(1)).isFalse();
      c.abort(Runnable::run); // a no-op on a closed connection, as JDBC says
      List<String> checked =
          callEvery(
              c,
              Connection.class,
              Set.of("close", "isClosed", "isValid", "abort", "unwrap", "isWrapperFor"),
              "08003",
              "Connection is closed");
      assertThat(checked).contains("commit", "createStatement", "prepareStatement", "setAutoCommit",
          "getMetaData", "setClientInfo", "beginRequest");
    }
  }

  @Test
  void statementsResultSetsAndMetadataFailAfterTheirConnectionCloses() throws Exception {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().pool(p -> p.maxSize(1)).build())) {
      Connection c = ds.getConnection();
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("select 1");
      PreparedStatement ps = c.prepareStatement("select ?");
      CallableStatement cs = c.prepareCall("call 1");
      DatabaseMetaData md = c.getMetaData();
      c.close();
      Set<String> exempt = Set.of("close", "isClosed", "unwrap", "isWrapperFor");
      callEvery(s, Statement.class, exempt, null, "closed");
      callEvery(ps, PreparedStatement.class, exempt, null, "closed");
      callEvery(cs, CallableStatement.class, exempt, null, "closed");
      callEvery(rs, ResultSet.class, exempt, null, "closed");
      callEvery(
          md,
          DatabaseMetaData.class,
          Set.of("unwrap", "isWrapperFor", "getDriverMajorVersion", "getDriverMinorVersion"),
          "08003",
          "Connection is closed");
      assertThat(s.isClosed()).isTrue();
      assertThat(rs.isClosed()).isTrue();
    }
  }

  /**
   * Calls every instance method of {@code type} on {@code target} with default arguments and
   * checks that each fails with an SQLException.
   */
  private static List<String> callEvery(
      Object target, Class<?> type, Set<String> exempt, String state, String messagePart)
      throws IllegalAccessException {
    List<String> called = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || exempt.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      Class<?>[] types = m.getParameterTypes();
      for (int i = 0; i < args.length; i++) {
        args[i] = defaultValue(types[i]);
      }
      Throwable thrown = null;
      try {
        m.invoke(target, args);
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
      }
      assertThat(thrown)
          .as(type.getSimpleName() + "." + m.getName() + " after close")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(messagePart);
      if (state != null) {
        assertThat(((SQLException) thrown).getSQLState()).as(m.getName()).isEqualTo(state);
      }
      called.add(m.getName());
    }
    return called;
  }

  private static Object defaultValue(Class<?> t) {
    if (!t.isPrimitive()) {
      return null;
    }
    if (t == boolean.class) {
      return false;
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == double.class) {
      return 0d;
    }
    if (t == float.class) {
      return 0f;
    }
    if (t == short.class) {
      return (short) 0;
    }
    if (t == byte.class) {
      return (byte) 0;
    }
    if (t == char.class) {
      return 'a';
    }
    return 0;
  }

  @Test
  void everyInterfaceMethodIsImplementedByTheWrappersNotInheritedFromTheInterface()
      throws SQLException, NoSuchMethodException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().build());
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        PreparedStatement ps = c.prepareStatement("select 1");
        CallableStatement cs = c.prepareCall("call 1")) {
      Object[][] pairs = {
        {c, Connection.class},
        {s, Statement.class},
        {ps, PreparedStatement.class},
        {cs, CallableStatement.class},
        {rs, ResultSet.class},
        {c.getMetaData(), DatabaseMetaData.class},
      };
      for (Object[] pair : pairs) {
        Class<?> impl = pair[0].getClass();
        for (Method m : ((Class<?>) pair[1]).getMethods()) {
          if (Modifier.isStatic(m.getModifiers())) {
            continue;
          }
          Method found = impl.getMethod(m.getName(), m.getParameterTypes());
          assertThat(found.getDeclaringClass().isInterface())
              .as(impl.getSimpleName() + " implements " + m)
              .isFalse();
        }
      }
    }
  }

  @Test
  void childrenReturnTheWrappersNotTheDriverObjects() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().build());
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        PreparedStatement ps = c.prepareStatement("select 1");
        ResultSet prs = ps.executeQuery()) {
      assertThat(s.getConnection()).isSameAs(c);
      assertThat(ps.getConnection()).isSameAs(c);
      assertThat(rs.getStatement()).isSameAs(s);
      assertThat(prs.getStatement()).isSameAs(ps);
      assertThat(s.getResultSet()).isSameAs(rs);
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getConnection()).isSameAs(c);
      try (ResultSet tables = md.getTables(null, null, "%", null)) {
        assertThat(tables.getClass().getName()).startsWith("io.leakproof.jdbc.internal.");
      }
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
      assertThat(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
      assertThat(c.toString()).contains("LeakproofConnection");
    }
  }

  @Test
  void reachableResultSetKeepsItsConnectionAndDroppingItReclaimsIt() throws SQLException {
    RecordingListener events = new RecordingListener();
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2().pool(p -> p.maxSize(1).callSiteCapture(io.leakproof.CallSiteCapture.ALL).listener(events)).build())) {
      ResultSet rs = Borrowers.queryAndKeepOnlyTheResultSet(ds, "select 42");
      // The Connection and Statement wrappers are unreachable, but the ResultSet points to them.
      for (int i = 0; i < 5; i++) {
        System.gc();
        Gc.sleep(20);
      }
      assertThat(events.reclaimed()).isEmpty();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
      rs = null; // now the whole borrow is unreachable
      assertThat(Gc.until(() -> !events.reclaimed().isEmpty(), Duration.ofSeconds(10))).isTrue();
      assertThat(events.reclaimed().get(0).lease().callSite().className())
          .isEqualTo(Borrowers.class.getName());
      assertThat(events.reclaimed().get(0).lease().callSite().methodName())
          .isEqualTo("queryAndKeepOnlyTheResultSet");
      try (Connection c = ds.getConnection()) { // the slot came back
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void exposedConnectionIsDestroyedWhenReclaimedEvenUnderResetAndReuse() throws SQLException {
    RecordingListener events = new RecordingListener();
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2().pool(p -> p.maxSize(1).leakReclaimPolicy(LeakReclaimPolicy.RESET_AND_REUSE).listener(events))
                .build())) {
      Pool<?> pool = ds.pool();
      Borrowers.leakConnection(ds);
      assertThat(Gc.until(() -> events.reclaimed().size() == 1, Duration.ofSeconds(10))).isTrue();
      assertThat(pool.stats().closed(CloseReason.LEAK_RECLAIMED)).isZero(); // reset and reused

      leakUnwrapped(ds);
      assertThat(Gc.until(() -> events.reclaimed().size() == 2, Duration.ofSeconds(10))).isTrue();
      assertThat(Gc.await(() -> pool.stats().closed(CloseReason.LEAK_RECLAIMED) == 1, Duration.ofSeconds(5)))
          .isTrue();
    }
  }

  private static void leakUnwrapped(LeakproofDataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
  }

  @Test
  void failureClassifiedBrokenEvictsTheConnectionOnReturn() throws SQLException {
    try (LeakproofDataSource ds =
        LeakproofDataSource.open(
            Databases.h2().pool(p -> p.maxSize(1))
                .failureClassifier(
                    (e, product) -> e.getSQLState().startsWith("42") && product.equals("H2"))
                .build())) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("select * from lp_jdbc_missing"))
            .isInstanceOf(SQLException.class);
      }
      assertThat(Gc.await(() -> ds.pool().stats().closed(CloseReason.BROKEN) == 1, Duration.ofSeconds(5)))
          .isTrue();
      try (Connection c = ds.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void defaultQueryAndNetworkTimeoutsApply() throws SQLException {
    try (LeakproofDataSource ds =
            LeakproofDataSource.open(Databases.h2().queryTimeout(Duration.ofSeconds(7)).build());
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        PreparedStatement ps = c.prepareStatement("select 1")) {
      assertThat(s.getQueryTimeout()).isEqualTo(7);
      assertThat(ps.getQueryTimeout()).isEqualTo(7);
    }
  }

  @Test
  void poolIsReachableThroughUnwrapForStatsDumpAndResize() throws SQLException {
    try (LeakproofDataSource ds = LeakproofDataSource.open(Databases.h2().pool(p -> p.maxSize(2).name("lp-jdbc-unwrap")).build())) {
      assertThat(ds.isWrapperFor(Pool.class)).isTrue();
      Pool<?> pool = ds.unwrap(Pool.class);
      assertThat(pool).isSameAs(ds.pool());
      assertThat(Gc.await(() -> pool.stats().idle() == 2, Duration.ofSeconds(5))).isTrue();
      try (Connection c = ds.getConnection()) {
        PoolStats stats = pool.stats();
        assertThat(stats.leased()).isEqualTo(1);
        assertThat(pool.dump().toText()).contains("lp-jdbc-unwrap");
        assertThat(c.isValid(1)).isTrue();
      }
      pool.resize(3);
      assertThat(pool.stats().maxSize()).isEqualTo(3);
      pool.softEvict();
      assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(SQLException.class);
    }
  }
}
