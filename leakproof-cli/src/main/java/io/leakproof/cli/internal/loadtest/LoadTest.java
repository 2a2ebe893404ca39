package io.leakproof.cli.internal.loadtest;

import io.leakproof.cli.internal.CliException;
import io.leakproof.cli.internal.db.ServerSessions;
import io.leakproof.cli.internal.measure.LatencyRecorder;
import io.leakproof.cli.internal.measure.Timeline;
import io.leakproof.cli.internal.pool.ConnectionCounter;
import io.leakproof.cli.internal.pool.CountingDriver;
import io.leakproof.cli.internal.pool.LeakSummary;
import io.leakproof.cli.internal.pool.PoolChoice;
import io.leakproof.cli.internal.pool.PoolGauges;
import io.leakproof.cli.internal.pool.PoolSpec;
import io.leakproof.cli.internal.pool.PoolUnderTest;
import io.leakproof.cli.internal.pool.TimedDataSource;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.StatusLine;
import io.leakproof.cli.internal.term.Terminal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N borrowers holding connections while the server counts them, one pool at a time: {@code borrowers} threads start together, each
 * borrows a connection, holds it with a server-side sleep and gives it back (or, at {@code
 * leakRate}, drops it). A separate connection counts the pool's sessions on the server while the
 * calling thread samples and draws the progress line.
 *
 * <p>Threads: the caller (sampling, progress), one thread per borrower (virtual or platform).
 */
public final class LoadTest {
  private final LoadTestSettings settings;
  private final Terminal terminal;

  /**
   * Prepares a load test.
   *
   * @param settings the settings
   * @param terminal where to show progress
   */
  public LoadTest(LoadTestSettings settings, Terminal terminal) {
    this.settings = settings;
    this.terminal = terminal;
  }

  /**
   * Runs every pool in turn.
   *
   * @param pools the pools
   * @return one result per pool
   * @throws CliException if the database does not answer or a pool cannot start
   */
  public List<LoadTestResult> run(List<PoolChoice> pools) {
    List<LoadTestResult> results = new ArrayList<>();
    int width = 0;
    for (PoolChoice p : pools) {
      width = Math.max(width, p.name().length());
    }
    for (int i = 0; i < pools.size(); i++) {
      String label =
          "[" + (i + 1) + "/" + pools.size() + "] " + Terminal.padRight(pools.get(i).name(), width);
      results.add(runOne(pools.get(i), label));
    }
    return results;
  }

  private LoadTestResult runOne(PoolChoice choice, String label) {
    String tag = "leakproof-loadtest-" + choice.name() + "-" + ProcessHandle.current().pid();
    try (ConnectionCounter counter = CountingDriver.open(settings.url(), tag);
        ServerSessions sessions =
            ServerSessions.open(
                settings.dialect(), settings.url(), settings.user(), settings.password(), tag)) {
      PoolSpec spec =
          new PoolSpec(
              "loadtest-" + choice.name(),
              counter.url(),
              settings.url(),
              settings.user(),
              settings.password(),
              settings.maxSize(),
              settings.acquireTimeout(),
              settings.leakThreshold());
      PoolUnderTest pool;
      try {
        pool = choice.factory().open(spec);
      } catch (SQLException e) {
        throw new CliException("cannot open " + choice.name() + ": " + e.getMessage());
      }
      LoadTestResult result;
      try {
        result = drive(choice, pool, sessions, counter, label);
      } finally {
        pool.close();
      }
      int leftOpen = counter.closeLeftovers();
      return withLeftOpen(result, leftOpen);
    }
  }

  private LoadTestResult drive(
      PoolChoice choice,
      PoolUnderTest pool,
      ServerSessions sessions,
      ConnectionCounter counter,
      String label) {
    TimedDataSource timed = new TimedDataSource(pool);
    int n = settings.borrowers();
    CountDownLatch startGate = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    AtomicLong borrowed = new AtomicLong();
    AtomicLong holdErrors = new AtomicLong();
    AtomicLong leaksMade = new AtomicLong();
    AtomicLong lastDoneNanos = new AtomicLong();
    Thread.Builder threads =
        settings.virtualThreads()
            ? Thread.ofVirtual().name("borrower-", 0)
            : Thread.ofPlatform().name("borrower-", 0).daemon();
    for (int i = 0; i < n; i++) {
      int id = i;
      threads.start(
          () -> {
            try {
              startGate.await();
              borrow(id, timed, borrowed, holdErrors, leaksMade);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              lastDoneNanos.set(System.nanoTime());
              done.countDown();
            }
          });
    }
    Timeline timeline = new Timeline("server", "leased", "waiting", "done");
    StatusLine status = new StatusLine(terminal, 2_000);
    long start = System.nanoTime();
    startGate.countDown();
    int peak = -1;
    long intervalNanos = settings.sampleInterval().toNanos();
    boolean finished = false;
    long settleUntil = Long.MAX_VALUE;
    while (true) {
      try {
        finished = finished || done.await(intervalNanos, TimeUnit.NANOSECONDS);
        if (finished && settleUntil == Long.MAX_VALUE) {
          // Give time-based leak detection its chance before reading the result.
          settleUntil =
              leaksMade.get() == 0
                  ? System.nanoTime()
                  : System.nanoTime()
                      + Math.min(
                          settings.leakThreshold().toNanos() + TimeUnit.MILLISECONDS.toNanos(1500),
                          TimeUnit.SECONDS.toNanos(15));
        }
        if (finished) {
          Thread.sleep(Math.min(intervalNanos / 1_000_000, 100));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
      double t = (System.nanoTime() - start) / 1e9;
      int server = sessions == null ? -1 : sessions.count();
      peak = Math.max(peak, server);
      PoolGauges g = pool.gauges().withWaitingFallback(timed.waitingNow());
      long doneCount = n - done.getCount();
      timeline.add(t, server, g.leased(), g.waiting(), (double) doneCount);
      status.update(progress(label, t, doneCount, g, server, peak, timed.timeouts()));
      if (finished && System.nanoTime() >= settleUntil) {
        break;
      }
    }
    double wall = (lastDoneNanos.get() - start) / 1e9;
    PoolGauges g = pool.gauges().withWaitingFallback(timed.waitingNow());
    double elapsed = (System.nanoTime() - start) / 1e9;
    status.finish(
        progress(label, elapsed, n, g, sessions == null ? -1 : sessions.count(), peak, timed.timeouts()));
    LatencyRecorder.Snapshot waits = timed.waits().snapshot();
    LeakSummary leaks = pool.leaks();
    return new LoadTestResult(
        choice.name(),
        pool.title(),
        pool.leakPolicy(),
        settings.maxSize(),
        n,
        wall,
        settings.idealSeconds(),
        borrowed.get(),
        timed.timeouts(),
        timed.failures() + holdErrors.get(),
        waits.percentile(50),
        waits.percentile(90),
        waits.percentile(99),
        waits.max(),
        peak,
        sessions == null ? "not available for this database" : sessions.method(),
        counter.created(),
        leaksMade.get(),
        leaks,
        0,
        timeline.columns());
  }

  private void borrow(
      int id,
      TimedDataSource timed,
      AtomicLong borrowed,
      AtomicLong holdErrors,
      AtomicLong leaksMade)
      throws InterruptedException {
    Connection c;
    try {
      c = timed.getConnection();
    } catch (SQLException e) {
      return; // counted by the TimedDataSource as a timeout or a failure
    }
    borrowed.incrementAndGet();
    try {
      hold(c);
    } catch (SQLException e) {
      holdErrors.incrementAndGet();
    }
    if (settings.leaks(id)) {
      leaksMade.incrementAndGet();
      return; // dropped without close(): a leak
    }
    try {
      c.close();
    } catch (SQLException e) {
      holdErrors.incrementAndGet();
    }
  }

  private void hold(Connection c) throws SQLException, InterruptedException {
    if (settings.serverSideHold()) {
      try (PreparedStatement ps = c.prepareStatement(settings.dialect().sleepSql())) {
        settings.dialect().bindSleep(ps, settings.hold());
        ps.execute();
      }
    } else {
      Thread.sleep(settings.hold());
    }
  }

  private String progress(
      String label, double t, long done, PoolGauges g, int server, int peak, long timeouts) {
    int n = settings.borrowers();
    String serverText;
    if (server < 0) {
      serverText = "";
    } else {
      String peakText = "peak " + peak + "/" + settings.maxSize();
      serverText =
          " · server "
              + server
              + " ("
              + (peak > settings.maxSize() ? terminal.red(peakText) : peakText)
              + ")";
    }
    String timeoutText = Fmt.count(timeouts) + " timeouts";
    return "  "
        + terminal.cyan(label)
        + " "
        + StatusLine.bar((double) done / n, 16)
        + " "
        + Fmt.count(done)
        + "/"
        + Fmt.count(n)
        + " · leased "
        + g.leased()
        + " · waiting "
        + Fmt.count(g.waiting())
        + serverText
        + " · "
        + (timeouts > 0 ? terminal.red(timeoutText) : timeoutText)
        + " · "
        + Fmt.seconds(t);
  }

  private static LoadTestResult withLeftOpen(LoadTestResult r, int leftOpen) {
    return new LoadTestResult(
        r.name(),
        r.title(),
        r.leakPolicy(),
        r.maxSize(),
        r.borrowers(),
        r.wallSeconds(),
        r.idealSeconds(),
        r.borrowed(),
        r.timeouts(),
        r.errors(),
        r.waitP50Nanos(),
        r.waitP90Nanos(),
        r.waitP99Nanos(),
        r.waitMaxNanos(),
        r.peakServerConnections(),
        r.sessionsMethod(),
        r.created(),
        r.leaksMade(),
        r.leaks(),
        leftOpen,
        r.timeline());
  }
}
