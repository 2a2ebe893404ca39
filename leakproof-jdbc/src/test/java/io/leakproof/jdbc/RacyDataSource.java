package io.leakproof.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A deliberately broken pool with the race of Go's old mgo driver: it checks the limit under its
 * lock, unlocks, connects, and counts the new connection only afterwards, so concurrent callers all
 * pass the check. It exists to prove that the server-enforced-limit test can fail.
 *
 * <p>To be kind to a shared server, at most {@link #DIAL_GATE} connection attempts run at once,
 * and a caller re-checks the count after waiting at that gate; the race is unchanged (check,
 * unlock, dial, count), it only overshoots in shorter bursts. Test code only; the connection proxy
 * is java.lang.reflect.Proxy, which is fine off the measured path.
 */
final class RacyDataSource implements DataSource {

  /** Bounds concurrent connection attempts so that the overshoot cannot exhaust the server. */
  static final int DIAL_GATE = 16;

  private final String url;
  private final Properties props;
  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final Semaphore dialGate = new Semaphore(DIAL_GATE);
  private int live; // guarded by lock

  RacyDataSource(String url, Properties props, int limit) {
    this.url = url;
    this.props = props;
    this.limit = limit;
  }

  @Override
  public Connection getConnection() throws SQLException {
    while (true) {
      Connection c = takeIdleOrPassTheCheck();
      if (c != null) {
        return handle(c);
      }
      dialGate.acquireUninterruptibly();
      try {
        if (!passesCheck()) {
          continue; // checked again after the wait at the gate: still racy, but a shorter burst
        }
        Connection raw = DriverManager.getConnection(url, props); // ...everyone dials...
        lock.lock();
        try {
          live++; // ...and counts afterwards.
        } finally {
          lock.unlock();
        }
        return handle(raw);
      } finally {
        dialGate.release();
      }
    }
  }

  /** Returns an idle connection, or null when the caller may dial (live below the limit). */
  private Connection takeIdleOrPassTheCheck() {
    lock.lock();
    try {
      while (true) {
        Connection c = idle.pollFirst();
        if (c != null) {
          return c;
        }
        if (live < limit) {
          return null; // the check passes...
        }
        returned.awaitUninterruptibly();
      }
    } finally {
      lock.unlock(); // ...and the lock is dropped before dialing.
    }
  }

  private boolean passesCheck() {
    lock.lock();
    try {
      return live < limit;
    } finally {
      lock.unlock();
    }
  }

  private Connection handle(Connection raw) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                giveBack(raw);
                return null;
              }
              try {
                return method.invoke(raw, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection raw) {
    lock.lock();
    try {
      idle.addFirst(raw);
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Closes every idle connection. */
  void closeAll() {
    lock.lock();
    try {
      for (Connection c : idle) {
        try {
          c.close();
        } catch (SQLException e) {
          // best effort
        }
      }
      idle.clear();
    } finally {
      lock.unlock();
    }
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
