package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.comparison.Peer;
import io.leakproof.comparison.Peers;
import java.io.PrintWriter;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * DBCP2 as a user would configure it for this comparison: the same maximum size and acquire
 * timeout ({@code maxWait}), abandoned-connection removal on ({@code removeAbandonedOnBorrow},
 * {@code removeAbandonedOnMaintenance}, {@code removeAbandonedTimeout} = the leak threshold, {@code
 * logAbandoned}). DBCP2 is the one incumbent that takes a leaked connection back: it closes a
 * connection held past the timeout, leaked or merely slow, and logs where it was borrowed.
 */
final class Dbcp2Pool implements PoolUnderTest {
  /** How often DBCP2's evictor looks for abandoned connections. */
  private static final Duration EVICTION_PERIOD = Duration.ofSeconds(1);

  private final BasicDataSource ds;
  private final LeakLedger ledger = new LeakLedger();
  private final AbandonedLogParser abandonedLog = new AbandonedLogParser(ledger);
  private final Duration leakThreshold;

  private Dbcp2Pool(PoolSpec spec) {
    leakThreshold =
        spec.leakThreshold().compareTo(Duration.ofSeconds(1)) < 0
            ? Duration.ofSeconds(1)
            : spec.leakThreshold();
    // removeAbandonedOnBorrow and removeAbandonedTimeout come from the comparison module.
    ds = Peers.dbcp2(spec.peerSettings().withLeakHandling(Duration.ZERO, leakThreshold));
    ds.setRemoveAbandonedOnMaintenance(true);
    ds.setDurationBetweenEvictionRuns(EVICTION_PERIOD);
    ds.setLogAbandoned(true);
    ds.setAbandonedLogWriter(new PrintWriter(abandonedLog, true));
  }

  /**
   * Opens a DBCP2 pool (DBCP2 connects lazily, at the first borrow).
   *
   * @param spec the settings
   * @return the pool
   */
  static PoolUnderTest open(PoolSpec spec) {
    return new Dbcp2Pool(spec);
  }

  @Override
  public String title() {
    return Peer.DBCP2.title();
  }

  @Override
  public String leakPolicy() {
    return "closes a connection held > "
        + Fmt.duration(leakThreshold)
        + " (removeAbandonedTimeout), leaked or just slow, and logs where it was borrowed";
  }

  @Override
  public DataSource dataSource() {
    return ds;
  }

  @Override
  public PoolGauges gauges() {
    int active = ds.getNumActive();
    int idle = ds.getNumIdle();
    return new PoolGauges(active, idle, PoolGauges.UNKNOWN, active + idle);
  }

  @Override
  public LeakSummary leaks() {
    return ledger.summary();
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e.getCause() instanceof NoSuchElementException
        && e.getCause().getMessage() != null
        && e.getCause().getMessage().startsWith("Timeout");
  }

  @Override
  public void close() {
    try {
      ds.close();
    } catch (SQLException e) {
      // Closing is best effort; the run is over.
    } finally {
      abandonedLog.close();
    }
  }

  /**
   * Reads DBCP2's abandoned-connection log: each removal prints {@code "Pooled object created
   * <date> by the following code has not been returned to the pool:"} and the borrower's stack.
   * Each removal is one leak reported and reclaimed, at the first borrower frame of its stack.
   *
   * <p>Thread-safe: DBCP2 may write from its evictor and from a borrowing thread.
   */
  static final class AbandonedLogParser extends Writer {
    private static final String HEADER = "Pooled object created";
    private final LeakLedger ledger;
    private final ReentrantLock guard = new ReentrantLock();
    private final StringBuilder line = new StringBuilder(); // guarded by guard
    private boolean awaitingFrame; // guarded by guard

    AbandonedLogParser(LeakLedger ledger) {
      this.ledger = ledger;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      guard.lock();
      try {
        for (int i = off; i < off + len; i++) {
          char c = buf[i];
          if (c == '\n') {
            onLine(line.toString());
            line.setLength(0);
          } else if (c != '\r') {
            line.append(c);
          }
        }
      } finally {
        guard.unlock();
      }
    }

    private void onLine(String text) {
      if (text.contains(HEADER)) {
        if (awaitingFrame) {
          ledger.report(null, true);
        }
        awaitingFrame = true;
        return;
      }
      if (awaitingFrame) {
        String frame = UserFrames.fromTraceLine(text);
        if (frame != null) {
          ledger.report(frame, true);
          awaitingFrame = false;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      guard.lock();
      try {
        if (awaitingFrame) {
          ledger.report(null, true);
          awaitingFrame = false;
        }
      } finally {
        guard.unlock();
      }
    }
  }
}
