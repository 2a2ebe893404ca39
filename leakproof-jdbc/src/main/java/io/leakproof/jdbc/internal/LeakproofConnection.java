package io.leakproof.jdbc.internal;

import io.leakproof.LeaseEndedException;
import io.leakproof.spi.LeaseGrant;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The Connection a borrower gets: one object per borrow that is both the JDBC wrapper and the
 * pool's lease handle.
 *
 * <p>Implementation notes. The handle is the only strong path from the borrower to the lease; the
 * pool holds it weakly and reclaims the connection when it is collected. So every statement,
 * result set and metadata wrapper keeps a reference to this handle (a borrower still holding a
 * ResultSet keeps its connection), and every method fences the handle after using the driver's
 * connection. The policy lives here: statement tracking, dirty-attribute tracking, close and
 * unwrap. Mechanical delegation is generated into {@link ConnectionDelegation}. The state reset
 * itself runs in {@link JdbcConnectionFactory#reset}, called by the pool when the lease ends, so
 * that it also runs for a connection reclaimed from a collected handle.
 *
 * <p>Thread safety: JDBC lets several threads share a connection; the children list is created
 * on first use by compare-and-set (a borrow that creates no statement allocates none) and is
 * synchronized itself, and the lease state is the pool's. Closing a connection while another thread is
 * still using it is the borrower's race, as with any pool.
 */
final class LeakproofConnection extends ConnectionDelegation {

  private final JdbcContext context;
  private final PooledConnection pooled;
  private final Connection raw;
  private static final VarHandle CHILDREN;

  static {
    try {
      CHILDREN =
          MethodHandles.lookup().findVarHandle(LeakproofConnection.class, "children", ChildList.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through CHILDREN
  private volatile ChildList children;

  // Statement sites a sampled lease may still capture (see statementSite).
  private int sampledSitesLeft = JdbcContext.SITES_PER_SAMPLED_LEASE;

  /**
   * Binds a new handle to the lease the grant stands for.
   *
   * @param grant the pool's grant
   * @param context the data source's shared settings
   */
  LeakproofConnection(LeaseGrant<PooledConnection> grant, JdbcContext context) {
    super(grant);
    this.context = context;
    this.pooled = resource();
    this.raw = pooled.raw;
  }

  PooledConnection pooled() {
    return pooled;
  }

  JdbcContext context() {
    return context;
  }

  // ------------------------------------------------------------------ hooks of the delegation

  @Override
  Connection connection() throws SQLException {
    if (!leaseActive()) {
      throw closedException();
    }
    return raw;
  }

  /** Fails unless the lease is active; for the child wrappers. */
  void checkOpen() throws SQLException {
    if (!leaseActive()) {
      throw closedException();
    }
  }

  boolean isOpen() {
    return leaseActive();
  }

  @Override
  SQLException failure(SQLException e) {
    reportResourceFailure(e);
    return e;
  }

  @Override
  @SuppressWarnings("ReachabilityFenceUsage") // every caller calls it from a finally block
  void fence() {
    Reference.reachabilityFence(this);
  }

  private SQLException closedException() {
    String how = null;
    try {
      resource();
    } catch (LeaseEndedException e) {
      how = e.getMessage();
    }
    return new SQLException("Connection is closed" + (how == null ? "" : ": " + how), "08003");
  }

  // ------------------------------------------------------------------ close, abort, unwrap

  /**
   * Closes leftover statements and result sets (reporting them), then ends the lease; the pool
   * then rolls back, restores changed attributes and clears warnings before lending the connection
   * again. Idempotent.
   */
  @Override
  public void close() {
    if (!leaseActive()) {
      return;
    }
    try {
      ChildList list = children;
      List<Child> left = list == null ? List.of() : list.drain();
      if (!left.isEmpty()) {
        JdbcContext.Leftovers tally = new JdbcContext.Leftovers();
        for (Child c : left) {
          c.closeLeftover(tally);
        }
        if (tally.any()) {
          context.report(tally, describeLease());
        }
      }
    } finally {
      endLease();
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public boolean isClosed() {
    return !leaseActive();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (!leaseActive()) {
      return;
    }
    Objects.requireNonNull(executor, "executor");
    ChildList list = children;
    if (list != null) {
      list.drain();
    }
    try {
      raw.abort(executor);
    } finally {
      invalidateLease();
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Where a statement is being created, captured when the pool captures every lease's call site,
   * or for the first {@link JdbcContext#SITES_PER_SAMPLED_LEASE} statements of a lease whose call
   * site was captured (sampled): a leaked statement is then reported with its line. The budget
   * bounds what a sampled lease pays, however many statements it runs; it is a plain field, so
   * threads sharing a connection may capture a few more.
   */
  private StackTraceElement statementSite() {
    if (context.captureStatementSites) {
      return context.statementSite();
    }
    if (sampledSitesLeft <= 0 || leaseCallSite() == null) {
      return null;
    }
    sampledSitesLeft--;
    return context.statementSite();
  }

  @Override
  public boolean isValid(int timeoutSeconds) throws SQLException {
    if (!leaseActive()) {
      return false;
    }
    try {
      return raw.isValid(timeoutSeconds);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    Connection c = connection();
    try {
      T t = iface.isInstance(c) ? iface.cast(c) : c.unwrap(iface);
      exposeRaw();
      return t;
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    Connection c = connection();
    try {
      return iface.isInstance(c) || c.isWrapperFor(iface);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Records that the driver's own connection (or an object that reaches it) escaped: the pool
   * destroys it if the lease is ever reclaimed, and the reset restores every attribute.
   */
  void exposeRaw() {
    pooled.exposed = true;
    markResourceExposed();
  }

  // ------------------------------------------------------------------ attributes the pool resets

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.AUTO_COMMIT);
    try {
      c.setAutoCommit(autoCommit);
      if (autoCommit == pooled.autoCommit) {
        pooled.markClean(DirtyAttribute.AUTO_COMMIT);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.ISOLATION);
    try {
      c.setTransactionIsolation(level);
      if (level == pooled.isolation) {
        pooled.markClean(DirtyAttribute.ISOLATION);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.READ_ONLY);
    try {
      c.setReadOnly(readOnly);
      if (readOnly == pooled.readOnly) {
        pooled.markClean(DirtyAttribute.READ_ONLY);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.CATALOG);
    try {
      c.setCatalog(catalog);
      if (pooled.catalog != null && pooled.catalog.equals(catalog)) {
        pooled.markClean(DirtyAttribute.CATALOG);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.SCHEMA);
    try {
      c.setSchema(schema);
      if (pooled.schema != null && pooled.schema.equals(schema)) {
        pooled.markClean(DirtyAttribute.SCHEMA);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    Connection c = connection();
    pooled.markDirty(DirtyAttribute.NETWORK_TIMEOUT);
    try {
      c.setNetworkTimeout(executor, milliseconds);
      if (milliseconds == pooled.networkTimeoutMillis) {
        pooled.markClean(DirtyAttribute.NETWORK_TIMEOUT);
      }
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    Connection c = clientInfoConnection();
    if (name != null) {
      pooled.clientInfoNames.add(name);
    }
    try {
      c.setClientInfo(name, value);
    } catch (SQLClientInfoException e) {
      failure(e);
      throw e;
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    Connection c = clientInfoConnection();
    if (properties != null) {
      pooled.clientInfoNames.addAll(properties.stringPropertyNames());
    }
    try {
      c.setClientInfo(properties);
    } catch (SQLClientInfoException e) {
      failure(e);
      throw e;
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Captures the client info baseline before the first change, and marks it dirty. */
  private Connection clientInfoConnection() throws SQLClientInfoException {
    try {
      Connection c = connection();
      if (pooled.clientInfo == null) {
        Properties baseline = new Properties();
        Properties now = c.getClientInfo();
        if (now != null) {
          for (String n : now.stringPropertyNames()) {
            baseline.setProperty(n, now.getProperty(n));
          }
        }
        pooled.clientInfo = baseline;
      }
      pooled.markDirty(DirtyAttribute.CLIENT_INFO);
      return c;
    } catch (SQLException e) {
      failure(e);
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  // ------------------------------------------------------------------ children

  private <T extends LeakproofStatement> T track(T statement) throws SQLException {
    adopt(statement); // first, so that a statement whose setup fails is still closed with us
    if (context.queryTimeoutSeconds > 0) {
      statement.applyDefaultQueryTimeout(context.queryTimeoutSeconds);
    }
    return statement;
  }

  /** Tracks a child (a statement, or a metadata result set) until it is closed. */
  void adopt(Child c) {
    ChildList list = children;
    if (list == null) {
      CHILDREN.compareAndSet(this, null, new ChildList());
      list = children;
    }
    if (list.add(c)) {
      list.prune();
    }
  }

  /** Returns how many children are tracked now (for tests of the pruning). */
  int trackedChildren() {
    ChildList list = children;
    return list == null ? 0 : list.size();
  }

  /** Stops tracking a child the borrower closed. */
  void forget(Child c) {
    ChildList list = children;
    if (list != null) {
      list.remove(c);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    Connection c = connection();
    try {
      return track(new LeakproofStatement(this, c.createStatement(), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofStatement(
              this,
              c.createStatement(resultSetType, resultSetConcurrency),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofStatement(
              this,
              c.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(this, c.prepareStatement(sql), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(
              this, c.prepareStatement(sql, autoGeneratedKeys), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(
              this, c.prepareStatement(sql, columnIndexes), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(
              this, c.prepareStatement(sql, columnNames), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(
              this,
              c.prepareStatement(sql, resultSetType, resultSetConcurrency),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofPreparedStatement(
              this,
              c.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofCallableStatement(this, c.prepareCall(sql), statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofCallableStatement(
              this,
              c.prepareCall(sql, resultSetType, resultSetConcurrency),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    Connection c = connection();
    try {
      return track(
          new LeakproofCallableStatement(
              this,
              c.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
              statementSite()));
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    Connection c = connection();
    try {
      return new LeakproofDatabaseMetaData(this, c.getMetaData());
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public String toString() {
    return "LeakproofConnection[" + describeLease() + ", " + pooled + "]";
  }
}
