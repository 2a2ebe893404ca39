package io.leakproof.internal.jfr;

import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolStats;
import io.leakproof.internal.PoolRegistry;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;

/**
 * The built-in listener that turns pool events into JFR events (see {@link LeakproofEvents}),
 * and registers the periodic {@code leakproof.PoolStatistics} event once per JVM. Events cost a
 * flag check when no recording has them enabled.
 */
public final class JfrListener implements PoolListener {
  private static final AtomicBoolean PERIODIC = new AtomicBoolean();

  /** Creates the listener and registers the periodic statistics event on first use. */
  public JfrListener() {
    if (PERIODIC.compareAndSet(false, true)) {
      FlightRecorder.addPeriodicEvent(LeakproofEvents.PoolStatistics.class, JfrListener::emitStatistics);
    }
  }

  private static void emitStatistics() {
    for (RealPool<?> pool : PoolRegistry.open()) {
      LeakproofEvents.PoolStatistics e = new LeakproofEvents.PoolStatistics();
      if (!e.isEnabled()) {
        return;
      }
      PoolStats s = pool.stats();
      e.pool = s.poolName();
      e.maxSize = s.maxSize();
      e.open = s.open();
      e.idle = s.idle();
      e.leased = s.leased();
      e.connecting = s.connecting();
      e.waiting = s.waiting();
      e.acquired = s.acquired();
      e.timeouts = s.timeouts();
      e.leaksSuspected = s.leaksSuspected();
      e.leaksReclaimed = s.leaksReclaimed();
      e.totalWait = s.totalWait().toNanos();
      e.peakLeased = s.peakLeased();
      e.commit();
    }
  }

  private static String holder(LeaseSnapshot l) {
    return l.threadName().isEmpty() ? "virtual #" + l.threadId() : l.threadName();
  }

  private static String site(LeaseSnapshot l) {
    return l.callSite() == null ? null : l.callSite().toString();
  }

  @Override
  public void onSlowAcquire(PoolEvent.SlowAcquire event) {
    LeakproofEvents.AcquireSlow e = new LeakproofEvents.AcquireSlow();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.waitTime = event.waited().toNanos();
      e.callSite = site(event.lease());
      e.holder = event.lease() == null ? null : holder(event.lease());
      e.commit();
    }
  }

  @Override
  public void onTimeout(PoolEvent.Timeout event) {
    LeakproofEvents.AcquireTimeout e = new LeakproofEvents.AcquireTimeout();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.waitTime = event.waited().toNanos();
      e.maxSize = event.stats().maxSize();
      e.leased = event.stats().leased();
      e.waiting = event.stats().waiting();
      e.message = event.message();
      e.commit();
    }
  }

  @Override
  public void onLeakSuspected(PoolEvent.Leak event) {
    LeakproofEvents.LeakSuspected e = new LeakproofEvents.LeakSuspected();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.held = event.lease().held().toNanos();
      e.callSite = site(event.lease());
      e.holder = event.lease() == null ? null : holder(event.lease());
      e.message = event.message();
      e.commit();
    }
  }

  @Override
  public void onLeakReclaimed(PoolEvent.Leak event) {
    LeakproofEvents.LeakReclaimed e = new LeakproofEvents.LeakReclaimed();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.signal = event.signal().name();
      e.held = event.lease().held().toNanos();
      e.callSite = site(event.lease());
      e.holder = event.lease() == null ? null : holder(event.lease());
      e.message = event.message();
      e.commit();
    }
  }

  @Override
  public void onCreate(PoolEvent.Created event) {
    LeakproofEvents.ResourceCreated e = new LeakproofEvents.ResourceCreated();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.resourceId = event.resourceId();
      e.took = event.took().toNanos();
      e.commit();
    }
  }

  @Override
  public void onCreateFailed(PoolEvent.CreateFailed event) {
    LeakproofEvents.CreateFailed e = new LeakproofEvents.CreateFailed();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.error = String.valueOf(event.error());
      e.timedOut = event.timedOut();
      e.commit();
    }
  }

  @Override
  public void onClose(PoolEvent.Closed event) {
    LeakproofEvents.ResourceClosed e = new LeakproofEvents.ResourceClosed();
    if (e.isEnabled()) {
      e.pool = event.poolName();
      e.resourceId = event.resourceId();
      e.reason = event.reason().name();
      e.age = event.age().toNanos();
      e.commit();
    }
  }
}
