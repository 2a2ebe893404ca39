package io.leakproof.internal;

import io.leakproof.LeaseInfo;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a pool's listeners, shielding the pool from them: whatever a listener throws is caught
 * and logged once per listener and method, and the pool carries on.
 *
 * <p>The acquire and release callbacks run on every lease; to keep them free when nobody needs
 * them, only listeners whose class overrides {@link PoolListener#onAcquire} or
 * {@link PoolListener#onRelease} are called for those (found once, by reflection, when the pool
 * opens).
 */
final class Listeners {
  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");

  private final String poolName;
  private final PoolListener[] all;
  private final PoolListener[] acquire;
  private final PoolListener[] release;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  Listeners(String poolName, List<PoolListener> listeners) {
    this.poolName = poolName;
    this.all = listeners.toArray(new PoolListener[0]);
    List<PoolListener> a = new ArrayList<>();
    List<PoolListener> r = new ArrayList<>();
    for (PoolListener l : listeners) {
      if (overrides(l, "onAcquire")) {
        a.add(l);
      }
      if (overrides(l, "onRelease")) {
        r.add(l);
      }
    }
    this.acquire = a.toArray(new PoolListener[0]);
    this.release = r.toArray(new PoolListener[0]);
  }

  private static boolean overrides(PoolListener l, String method) {
    try {
      return l.getClass().getMethod(method, LeaseInfo.class, long.class).getDeclaringClass()
          != PoolListener.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  boolean wantsAcquire() {
    return acquire.length > 0;
  }

  boolean wantsRelease() {
    return release.length > 0;
  }

  void acquired(LeaseInfo lease, long waitNanos) {
    for (PoolListener l : acquire) {
      try {
        l.onAcquire(lease, waitNanos);
      } catch (Throwable t) {
        failed(l, "onAcquire", t);
      }
    }
  }

  void released(LeaseInfo lease, long holdNanos) {
    for (PoolListener l : release) {
      try {
        l.onRelease(lease, holdNanos);
      } catch (Throwable t) {
        failed(l, "onRelease", t);
      }
    }
  }

  void created(PoolEvent.Created e) {
    for (PoolListener l : all) {
      try {
        l.onCreate(e);
      } catch (Throwable t) {
        failed(l, "onCreate", t);
      }
    }
  }

  void createFailed(PoolEvent.CreateFailed e) {
    for (PoolListener l : all) {
      try {
        l.onCreateFailed(e);
      } catch (Throwable t) {
        failed(l, "onCreateFailed", t);
      }
    }
  }

  void closed(PoolEvent.Closed e) {
    for (PoolListener l : all) {
      try {
        l.onClose(e);
      } catch (Throwable t) {
        failed(l, "onClose", t);
      }
    }
  }

  void slowAcquire(PoolEvent.SlowAcquire e) {
    for (PoolListener l : all) {
      try {
        l.onSlowAcquire(e);
      } catch (Throwable t) {
        failed(l, "onSlowAcquire", t);
      }
    }
  }

  void timeout(PoolEvent.Timeout e) {
    for (PoolListener l : all) {
      try {
        l.onTimeout(e);
      } catch (Throwable t) {
        failed(l, "onTimeout", t);
      }
    }
  }

  void rejected(PoolEvent.Rejected e) {
    for (PoolListener l : all) {
      try {
        l.onRejected(e);
      } catch (Throwable t) {
        failed(l, "onRejected", t);
      }
    }
  }

  void leakSuspected(PoolEvent.Leak e) {
    for (PoolListener l : all) {
      try {
        l.onLeakSuspected(e);
      } catch (Throwable t) {
        failed(l, "onLeakSuspected", t);
      }
    }
  }

  void leakReturned(PoolEvent.Leak e) {
    for (PoolListener l : all) {
      try {
        l.onLeakReturned(e);
      } catch (Throwable t) {
        failed(l, "onLeakReturned", t);
      }
    }
  }

  void leakReclaimed(PoolEvent.Leak e) {
    for (PoolListener l : all) {
      try {
        l.onLeakReclaimed(e);
      } catch (Throwable t) {
        failed(l, "onLeakReclaimed", t);
      }
    }
  }

  private void failed(PoolListener l, String method, Throwable t) {
    if (reported.add(l.getClass().getName() + "#" + method)) {
      LOG.log(
          System.Logger.Level.ERROR,
          "Listener "
              + l.getClass().getName()
              + "."
              + method
              + " threw in pool '"
              + poolName
              + "'; the pool ignores it (reported once per listener and method)",
          t);
    }
  }
}
