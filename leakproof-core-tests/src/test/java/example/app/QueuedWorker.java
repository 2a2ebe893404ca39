package example.app;

import io.leakproof.Lease;
import io.leakproof.Pool;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A borrower on its own virtual thread that queues for a lease, holds it until the test lets it
 * go, and closes it: application code outside {@code io.leakproof}, so that its call site is
 * {@code example.app.QueuedWorker.acquireAndHold(QueuedWorker.java:41)}.
 */
public final class QueuedWorker {
  private final Pool<?> pool;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean holding;
  private volatile RuntimeException failure;

  private QueuedWorker(Pool<?> pool) {
    this.pool = pool;
    this.thread = Thread.ofVirtual().name("").unstarted(this::run);
  }

  /** Starts a worker that acquires with a wait long enough never to time out in a test. */
  public static QueuedWorker start(Pool<?> pool) {
    QueuedWorker w = new QueuedWorker(pool);
    w.thread.start();
    return w;
  }

  private void run() {
    try {
      acquireAndHold();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void acquireAndHold() {
    try (Lease<?> lease = pool.acquire(Duration.ofMinutes(10))) { // QueuedWorker.java:41
      lease.get();
      holding = true;
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the worker holds its lease now. */
  public boolean holding() {
    return holding && release.getCount() > 0;
  }

  /** Lets the worker close its lease (at once, if it holds one; when it gets one, otherwise). */
  public void release() {
    release.countDown();
  }

  /** Releases the worker and waits for its thread to end; rethrows what its acquisition threw. */
  public void finish() throws InterruptedException {
    release();
    thread.join(5_000);
    if (thread.isAlive()) {
      throw new AssertionError("worker still running");
    }
    if (failure != null) {
      throw failure;
    }
  }
}
