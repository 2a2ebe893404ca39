package io.leakproof.internal;

import io.leakproof.CloseReason;
import io.leakproof.LeaseSnapshot;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in listener that writes leak reports, creation failures, timeouts and unusual closes
 * to {@link System.Logger} {@code io.leakproof.pool} (which routes to SLF4J, Log4j or JUL,
 * whichever the application installed).
 *
 * <p>Noise control for outages: creation failures are logged on the 1st, 2nd, 4th, 8th...
 * failure in a row; timeouts and rejections at most once per {@value #QUIET_SECONDS} seconds with
 * a count of the ones not logged. Leak reports are never suppressed: each is about one lease.
 */
final class LoggingListener implements PoolListener {
  /** Timeouts and rejections are logged at most once per this many seconds. */
  static final long QUIET_SECONDS = 30;

  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(QUIET_SECONDS);

  private final AtomicLong lastTimeoutLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressedTimeouts = new AtomicLong();
  private final AtomicLong lastRejectLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressedRejects = new AtomicLong();

  @Override
  public void onCreateFailed(PoolEvent.CreateFailed e) {
    int n = e.consecutiveFailures();
    if (Integer.bitCount(n) == 1 && LOG.isLoggable(Level.WARNING)) {
      LOG.log(
          Level.WARNING,
          "Pool '"
              + e.poolName()
              + "': creation failed ("
              + n
              + (n == 1 ? " failure" : " failures")
              + " in a row; logging the 1st, 2nd, 4th, 8th...): "
              + e.error(),
          e.timedOut() ? null : e.error());
    }
  }

  @Override
  public void onClose(PoolEvent.Closed e) {
    if (e.reason() == CloseReason.BROKEN || e.reason() == CloseReason.VALIDATION_FAILED) {
      LOG.log(
          Level.INFO,
          "Pool '"
              + e.poolName()
              + "': closed "
              + e.resource()
              + " ("
              + e.reason()
              + ", age "
              + Durations.format(e.age())
              + ")");
    } else if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Pool '" + e.poolName() + "': closed " + e.resource() + " (" + e.reason() + ")",
          e.error());
    }
  }

  @Override
  public void onTimeout(PoolEvent.Timeout e) {
    if (allow(lastTimeoutLog, suppressedTimeouts)) {
      long skipped = suppressedTimeouts.getAndSet(0);
      LOG.log(
          Level.WARNING,
          e.message()
              + (skipped > 0 ? "\n(" + skipped + " more timeouts in the last " + QUIET_SECONDS + " s)" : ""));
    }
  }

  @Override
  public void onRejected(PoolEvent.Rejected e) {
    if (allow(lastRejectLog, suppressedRejects)) {
      long skipped = suppressedRejects.getAndSet(0);
      LOG.log(
          Level.WARNING,
          "Pool '"
              + e.poolName()
              + "' is shedding load: "
              + e.waiting()
              + " callers waiting (maxWaiting "
              + e.maxWaiting()
              + ")"
              + (skipped > 0 ? "; " + skipped + " more rejections in the last " + QUIET_SECONDS + " s" : ""));
    }
  }

  private static boolean allow(AtomicLong last, AtomicLong suppressed) {
    long now = System.nanoTime();
    long prev = last.get();
    if (prev != Long.MIN_VALUE && now - prev < QUIET_NANOS) {
      suppressed.incrementAndGet();
      return false;
    }
    if (!last.compareAndSet(prev, now)) {
      suppressed.incrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void onLeakSuspected(PoolEvent.Leak e) {
    LOG.log(Level.WARNING, e.message(), stackOf(e.lease()));
  }

  @Override
  public void onLeakReturned(PoolEvent.Leak e) {
    LOG.log(Level.INFO, e.message());
  }

  @Override
  public void onLeakReclaimed(PoolEvent.Leak e) {
    LOG.log(Level.WARNING, e.message(), stackOf(e.lease()));
  }

  @Override
  public void onSlowAcquire(PoolEvent.SlowAcquire e) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Pool '"
              + e.poolName()
              + "': acquisition waited "
              + Durations.format(e.waited())
              + (e.lease().callSite() == null ? "" : " at " + e.lease().callSite()));
    }
  }

  /** Carries an acquisition stack into the log, where frameworks print it as a stack trace. */
  static Throwable stackOf(LeaseSnapshot lease) {
    if (lease.stackTrace().isEmpty()) {
      return null;
    }
    Throwable t = new AcquisitionStack("Lease acquired here, by " + lease.threadDescription());
    t.setStackTrace(lease.stackTrace().toArray(new StackTraceElement[0]));
    return t;
  }

  /** Not an error: the stack of the thread that acquired a lease, for the log. */
  static final class AcquisitionStack extends Throwable {
    private static final long serialVersionUID = 1L;

    AcquisitionStack(String message) {
      super(message, null, false, true);
    }
  }
}
