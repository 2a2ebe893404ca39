package io.leakproof.mongodb.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The module's two background threads, shared by every client: the {@link Cleaner} that runs
 * when a cursor, session or client became unreachable (it kills server-side cursors and closes
 * clients, so it does network I/O: it is not the JDK's common cleaner), and the sweeper that
 * looks for checkouts held too long. Both are daemon threads started on first use.
 */
final class Reaper {
  private Reaper() {}

  static final Cleaner CLEANER =
      Cleaner.create(
          r -> {
            Thread t = new Thread(r, "leakproof-mongodb-reaper");
            t.setDaemon(true);
            return t;
          });

  static final ScheduledExecutorService SWEEPER = sweeper();

  private static ScheduledExecutorService sweeper() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "leakproof-mongodb-sweeper");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
