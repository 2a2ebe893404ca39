package io.leakproof.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;

/**
 * The one daemon thread, shared by every pool in the JVM, that waits for the garbage collector to
 * enqueue the references of abandoned lease handles and hands each one to its pool for
 * reclamation.
 *
 * <p>Implementation notes. The thread blocks in {@link ReferenceQueue#remove()}, so a proven leak
 * is reclaimed as soon as the collector has enqueued it, not at the next maintenance sweep. It
 * holds no lock; a pool's reclamation does no I/O on this thread (destroys run on the pool's
 * workers), but it does call the pool's leak listeners, which must be fast.
 */
final class LeakReaper {
  private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");

  static {
    // The thread starts when the first lease reference is made (class initialization runs once,
    // and leaves nothing to check on the hot path afterwards).
    Thread t = new Thread(LeakReaper::run, "leakproof-leak-reaper");
    t.setDaemon(true);
    t.start();
  }

  private LeakReaper() {}

  /** Returns the queue lease references are registered with. */
  static ReferenceQueue<Object> queue() {
    return QUEUE;
  }

  private static void run() {
    while (true) {
      Reference<?> ref;
      try {
        ref = QUEUE.remove();
      } catch (InterruptedException e) {
        // Daemon thread owned by this class: nobody should interrupt it; keep serving.
        continue;
      }
      if (ref instanceof LeaseRef lease) {
        try {
          lease.slot.pool().reclaimAbandoned(lease);
        } catch (Throwable t) {
          LOG.log(System.Logger.Level.ERROR, "Leakproof could not reclaim an abandoned lease", t);
        }
      }
    }
  }
}
