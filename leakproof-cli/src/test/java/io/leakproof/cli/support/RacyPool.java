package io.leakproof.cli.support;

import io.leakproof.cli.internal.pool.LeakSummary;
import io.leakproof.cli.internal.pool.PoolGauges;
import io.leakproof.cli.internal.pool.PoolSpec;
import io.leakproof.cli.internal.pool.PoolUnderTest;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A deliberately racy JDBC pool with the bug of Go's old mgo driver: it checks {@code live < max}
 * under the lock, unlocks, connects, and only then counts the new connection. Concurrent callers
 * all pass the check before any of them counts, so the limit does not hold. The load test's
 * server-side sampler must catch it; if it stops catching it, the sampler is broken.
 *
 * <p>Test code: returned connections are intercepted with a {@link Proxy}, which production code
 * never does on a hot path.
 */
public final class RacyPool implements PoolUnderTest {
  private final PoolSpec spec;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>(); // guarded by lock
  private int live; // guarded by lock
  private int leased; // guarded by lock
  private final DataSource dataSource = new RacyDataSource();

  private RacyPool(PoolSpec spec) {
    this.spec = spec;
  }

  /**
   * Opens the pool (it connects lazily).
   *
   * @param spec the settings
   * @return the pool
   */
  public static PoolUnderTest open(PoolSpec spec) {
    return new RacyPool(spec);
  }

  @Override
  public String title() {
    return "racy pool (check, unlock, connect, count)";
  }

  @Override
  public String leakPolicy() {
    return "none";
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public PoolGauges gauges() {
    lock.lock();
    try {
      return new PoolGauges(leased, idle.size(), PoolGauges.UNKNOWN, live);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public LeakSummary leaks() {
    return LeakSummary.NONE;
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e instanceof SQLTimeoutException;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      for (Connection c : idle) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing
        }
      }
      idle.clear();
    } finally {
      lock.unlock();
    }
  }

  private Connection borrow() throws SQLException {
    long deadline = System.nanoTime() + spec.acquireTimeout().toNanos();
    while (true) {
      boolean mayConnect;
      lock.lock();
      try {
        Connection c = idle.poll();
        if (c != null) {
          leased++;
          return wrap(c);
        }
        mayConnect = live < spec.maxSize(); // check...
      } finally {
        lock.unlock(); // ...unlock...
      }
      if (mayConnect) {
        Properties p = new Properties();
        if (spec.user() != null) {
          p.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
          p.setProperty("password", spec.password());
        }
        Connection c = DriverManager.getConnection(spec.jdbcUrl(), p); // ...connect...
        lock.lock();
        try {
          live++; // ...then count: too late.
          leased++;
        } finally {
          lock.unlock();
        }
        return wrap(c);
      }
      lock.lock();
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTimeoutException("racy pool: timed out");
        }
        returned.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      } finally {
        lock.unlock();
      }
    }
  }

  private void giveBack(Connection c) {
    lock.lock();
    try {
      leased--;
      idle.push(c);
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  private Connection wrap(Connection real) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    giveBack(real);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0];
                }
                default -> {
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  private final class RacyDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return borrow();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
