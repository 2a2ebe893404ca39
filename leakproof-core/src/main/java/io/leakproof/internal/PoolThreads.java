package io.leakproof.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a pool starts for itself: its workers and, unless given one, its housekeeper. */
final class PoolThreads {
  private PoolThreads() {}

  static ExecutorService worker(String pool) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "leakproof-" + pool + "-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // Unbounded in principle, bounded by design: at most maxSize creations, maxSize destroys,
    // maxSize keepalive checks and one collection can be in flight at once.
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), tf);
  }

  static ScheduledExecutorService scheduler(String pool) {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "leakproof-" + pool + "-housekeeper");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

}
