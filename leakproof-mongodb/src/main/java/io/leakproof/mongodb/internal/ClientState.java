package io.leakproof.mongodb.internal;

import com.mongodb.client.MongoClient;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import java.util.concurrent.ScheduledFuture;

/**
 * Everything about one client except the application's proxy, so that the proxy can become
 * unreachable: the driver's client, the tracker, the creation site and whether the application
 * closed it. {@link #run()} is what the reaper runs when the proxy was collected or closed.
 */
final class ClientState implements Runnable {
  final MongoClient delegate;
  final CheckoutTracker tracker;
  final String cluster;
  final CallSite createdAt;
  final String thread;
  final long createdAtNanos;
  volatile boolean closedByUser;
  volatile ScheduledFuture<?> sweep;

  ClientState(MongoClient delegate, CheckoutTracker tracker, String cluster, CallSite createdAt) {
    this.delegate = delegate;
    this.tracker = tracker;
    this.cluster = cluster;
    this.createdAt = createdAt;
    this.thread = Reporter.describe(Thread.currentThread());
    this.createdAtNanos = tracker.nowNanos();
  }

  /** The line that opens a cursor or session now, when such lines are captured. */
  CallSite openingSite() {
    return tracker.config().cursorCallSites() == CallSiteCapture.OFF
        ? null
        : tracker.capturer().capture();
  }

  @Override
  public void run() {
    ClientRegistry.unregister(this);
    ScheduledFuture<?> s = sweep;
    if (s != null) {
      s.cancel(false);
    }
    if (closedByUser) {
      delegate.close();
      return;
    }
    try {
      ClientRegistry.reportLeak(this);
    } finally {
      // A driver client takes a while to close (its monitors stop one by one): closing leaked
      // clients in parallel keeps a client-per-request leak from queueing on the reaper.
      Thread.ofVirtual().name("leakproof-mongodb-close").start(delegate::close);
    }
  }
}
