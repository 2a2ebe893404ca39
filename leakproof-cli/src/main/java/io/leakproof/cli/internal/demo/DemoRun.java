package io.leakproof.cli.internal.demo;

import com.example.shop.Request;
import com.example.shop.Shop;
import com.example.shop.ShopSchema;
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
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the shop on one pool: requests arrive at a fixed rate, each on its own virtual thread (as a
 * thread-per-request server would run them), whatever the pool does — an open-loop load, so an
 * exhausted pool shows as requests piling up and timing out, as in production. Meanwhile the
 * calling thread samples the pool and draws the status line.
 *
 * <p>Threads: the caller (sampling, status), one platform thread issuing requests, one virtual
 * thread per request.
 */
final class DemoRun {
  /** How often the pool is sampled and the status line redrawn. */
  private static final long SAMPLE_MILLIS = 200;

  /** More requests in flight than this and new ones are shed: a bound on memory if all else fails. */
  private static final int MAX_IN_FLIGHT = 20_000;

  private final PoolChoice choice;
  private final DemoSettings settings;
  private final Terminal terminal;
  private final Traffic traffic;
  private final String label;

  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();
  private final AtomicLong leaksMade = new AtomicLong();
  private final AtomicLong lastLeakNanos = new AtomicLong();
  private final AtomicLong firstTimeoutNanos = new AtomicLong(Long.MAX_VALUE);
  private final AtomicInteger inFlight = new AtomicInteger();

  DemoRun(PoolChoice choice, DemoSettings settings, Terminal terminal, String label) {
    this.choice = choice;
    this.settings = settings;
    this.terminal = terminal;
    this.traffic = new Traffic(settings.leakEvery(), 7);
    this.label = label;
  }

  DemoResult run() {
    try (Connection admin =
        ServerSessions.connect(settings.url(), settings.user(), settings.password())) {
      ShopSchema.create(admin);
    } catch (SQLException e) {
      throw new CliException("cannot create the demo's tables: " + e.getMessage());
    }
    String tag = "leakproof-demo-" + choice.name() + "-" + ProcessHandle.current().pid();
    try (ConnectionCounter counter = CountingDriver.open(settings.url(), tag);
        ServerSessions sessions =
            ServerSessions.open(
                settings.dialect(), settings.url(), settings.user(), settings.password(), tag)) {
      PoolSpec spec =
          new PoolSpec(
              "demo-" + choice.name(),
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
      DemoResult result;
      try {
        result = drive(pool, sessions);
      } finally {
        pool.close();
      }
      int leftOpen = counter.closeLeftovers();
      return withLeftOpen(result, leftOpen);
    }
  }

  private DemoResult drive(PoolUnderTest pool, ServerSessions sessions) {
    TimedDataSource timed = new TimedDataSource(pool);
    Shop shop = new Shop(timed);
    Timeline timeline =
        new Timeline(
            "leased", "idle", "waiting", "sessions", "ok", "timeouts", "reported", "reclaimed");
    StatusLine status = new StatusLine(terminal, 5_000);
    long durationNanos = settings.duration().toNanos();
    long start = System.nanoTime();
    ExecutorService requests =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("shop-request-", 0).factory());
    Thread arrivals =
        Thread.ofPlatform()
            .name("demo-arrivals")
            .daemon()
            .start(() -> issueRequests(requests, shop, pool, start, durationNanos));
    int peakLeased = 0;
    int peakSessions = -1;
    long exhaustedSamples = 0;
    boolean draining = false;
    long settleUntil = Long.MAX_VALUE;
    while (true) {
      sleepMillis(SAMPLE_MILLIS);
      long now = System.nanoTime();
      double t = (now - start) / 1e9;
      PoolGauges g = pool.gauges().withWaitingFallback(timed.waitingNow());
      LeakSummary leaks = pool.leaks();
      int serverSessions = sessions == null ? -1 : sessions.count();
      peakLeased = Math.max(peakLeased, g.leased());
      peakSessions = Math.max(peakSessions, serverSessions);
      if (now - start <= durationNanos && g.leased() >= settings.maxSize() && g.waiting() > 0) {
        exhaustedSamples++;
      }
      timeline.add(
          t,
          g.leased(),
          g.idle(),
          g.waiting(),
          serverSessions,
          (double) ok.get(),
          (double) timed.timeouts(),
          (double) leaks.reported(),
          (double) leaks.reclaimed());
      status.update(statusText(t, g, leaks, timed.timeouts()));
      if (!draining && !arrivals.isAlive()) {
        draining = true;
        requests.shutdown();
      }
      if (draining && requests.isTerminated() && settleUntil == Long.MAX_VALUE) {
        // Give time-based leak detection its chance on the last leaks before reading the result.
        long lastLeak = lastLeakNanos.get();
        long threshold = settings.leakThreshold().toNanos() + TimeUnit.MILLISECONDS.toNanos(1500);
        settleUntil = lastLeak == 0 ? now : Math.min(now + threshold, lastLeak + threshold);
      }
      if (draining && now >= settleUntil) {
        break;
      }
      if (draining && now - start > durationNanos + drainLimitNanos()) {
        requests.shutdownNow();
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PoolGauges last = pool.gauges().withWaitingFallback(timed.waitingNow());
    LeakSummary leaks = pool.leaks();
    status.finish(statusText(seconds, last, leaks, timed.timeouts()));
    LatencyRecorder.Snapshot waits = timed.waits().snapshot();
    long firstTimeout = firstTimeoutNanos.get();
    return new DemoResult(
        choice.name(),
        pool.title(),
        pool.leakPolicy(),
        activeSeconds(),
        issued.get(),
        ok.get(),
        failed.get(),
        timed.timeouts(),
        otherErrors.get() + timed.failures(),
        waits.percentile(50),
        waits.percentile(99),
        waits.max(),
        settings.maxSize(),
        peakLeased,
        exhaustedSamples * SAMPLE_MILLIS / 1000.0,
        firstTimeout == Long.MAX_VALUE ? -1 : (firstTimeout - start) / 1e9,
        peakSessions,
        leaksMade.get(),
        leaks,
        0,
        timeline.columns());
  }

  /** Returns how long requests arrived: the denominator of the throughput. */
  private double activeSeconds() {
    return settings.duration().toNanos() / 1e9;
  }

  private long drainLimitNanos() {
    return settings.acquireTimeout().toNanos() * 3
        + settings.leakThreshold().toNanos()
        + TimeUnit.SECONDS.toNanos(20);
  }

  private void issueRequests(
      ExecutorService requests, Shop shop, PoolUnderTest pool, long start, long durationNanos) {
    double perNano = settings.rate() / 1e9;
    while (true) {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= durationNanos) {
        return;
      }
      long due = (long) (elapsed * perNano);
      while (issued.get() < due) {
        long n = issued.getAndIncrement();
        if (inFlight.get() >= MAX_IN_FLIGHT) {
          otherErrors.incrementAndGet();
          continue;
        }
        inFlight.incrementAndGet();
        requests.execute(() -> serve(shop, pool, n));
      }
      sleepMillis(2);
    }
  }

  private void serve(Shop shop, PoolUnderTest pool, long n) {
    Request request = traffic.request(n);
    boolean leaky = traffic.leaks(n);
    try {
      shop.handle(request);
      ok.incrementAndGet();
      if (leaky) {
        leakMade();
      }
    } catch (SQLException e) {
      if (pool.isAcquireTimeout(e)) {
        firstTimeoutNanos.accumulateAndGet(System.nanoTime(), Math::min);
      } else if (isAcquireFailure(e)) {
        // counted by the TimedDataSource as a failure
      } else {
        failed.incrementAndGet();
        if (leaky) {
          leakMade(); // the refused reservation: its exception path leaked the connection
        }
      }
    } catch (RuntimeException e) {
      otherErrors.incrementAndGet();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static boolean isAcquireFailure(SQLException e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals(TimedDataSource.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private void leakMade() {
    leaksMade.incrementAndGet();
    lastLeakNanos.set(System.nanoTime());
  }

  private String[] statusText(double t, PoolGauges g, LeakSummary leaks, long timeouts) {
    double total = settings.duration().toNanos() / 1e9;
    String leased = g.leased() + "/" + settings.maxSize();
    String leasedCell =
        g.leased() >= settings.maxSize() ? terminal.red(leased) : terminal.bold(leased);
    String timedOut = Fmt.count(timeouts) + " timed out";
    String reclaimed = leaks.reclaimed() + " reclaimed";
    String indent = " ".repeat(label.length() + 3);
    return new String[] {
      "  "
          + terminal.cyan(label)
          + " "
          + StatusLine.bar(t / total, 24)
          + " "
          + Terminal.fmt("%4.1f / %.0f s", Math.min(t, total), total)
          + "   leased "
          + leasedCell
          + " · idle "
          + g.idle()
          + " · waiting "
          + (g.waiting() > 0 ? terminal.yellow(Integer.toString(g.waiting())) : "0"),
      indent
          + "requests "
          + Fmt.count(ok.get())
          + " ok · "
          + (timeouts > 0 ? terminal.red(timedOut) : timedOut)
          + "   leaks "
          + leaks.reported()
          + " reported · "
          + (leaks.reclaimed() > 0 ? terminal.green(reclaimed) : reclaimed)
    };
  }

  private static DemoResult withLeftOpen(DemoResult r, int leftOpen) {
    return new DemoResult(
        r.name(),
        r.title(),
        r.leakPolicy(),
        r.seconds(),
        r.requests(),
        r.ok(),
        r.failed(),
        r.timeouts(),
        r.otherErrors(),
        r.waitP50Nanos(),
        r.waitP99Nanos(),
        r.waitMaxNanos(),
        r.maxSize(),
        r.peakLeased(),
        r.exhaustedSeconds(),
        r.firstTimeoutSeconds(),
        r.peakServerSessions(),
        r.leaksMade(),
        r.leaks(),
        leftOpen,
        r.timeline());
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
