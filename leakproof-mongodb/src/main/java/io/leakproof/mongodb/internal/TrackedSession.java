package io.leakproof.mongodb.internal;

import com.mongodb.client.ClientSession;
import io.leakproof.CallSite;
import io.leakproof.mongodb.MongoLeakReport;
import java.lang.ref.Cleaner;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A {@link ClientSession} the application holds. When it becomes unreachable without
 * {@code close()}, the reaper reports it with the line that started it and closes the driver's
 * session: an open transaction is aborted and the server session goes back to the driver's pool
 * (a leaked one is never reused, and the server keeps it until its timeout).
 */
final class TrackedSession implements InvocationHandler {
  /** What the reaper runs; holds the driver's session, never the application's proxy. */
  static final class State implements Runnable {
    final ClientSession delegate;
    final CheckoutTracker tracker;
    final CallSite site;
    final String thread;
    final long startedAtNanos;
    volatile boolean closedByUser;

    State(ClientSession delegate, CheckoutTracker tracker, CallSite site) {
      this.delegate = delegate;
      this.tracker = tracker;
      this.site = site;
      this.thread = Reporter.describe(Thread.currentThread());
      this.startedAtNanos = tracker.nowNanos();
    }

    @Override
    public void run() {
      try {
        if (!closedByUser) {
          long age = tracker.nowNanos() - startedAtNanos;
          tracker.sessionLeaks.increment();
          tracker
              .reporter()
              .report(
                  MongoLeakReport.Kind.SESSION_LEAK,
                  tracker.diagnosis().sessionLeak(site, thread, age),
                  site,
                  thread,
                  age);
        }
      } finally {
        try {
          delegate.close();
        } catch (RuntimeException e) {
          System.getLogger("io.leakproof.mongodb")
              .log(System.Logger.Level.DEBUG, "Closing a leaked session failed", e);
        }
      }
    }
  }

  private final DriverHandler forward;
  private final State state;
  private Cleaner.Cleanable cleanable;

  private TrackedSession(ClientSession delegate, ClientState client, Object clientProxy) {
    this.forward = new DriverHandler(delegate, client, clientProxy);
    this.state = new State(delegate, client.tracker, client.openingSite());
  }

  Object delegate() {
    return forward.delegate();
  }

  static ClientSession track(ClientSession delegate, ClientState client, Object clientProxy) {
    TrackedSession h = new TrackedSession(delegate, client, clientProxy);
    ClientSession proxy =
        (ClientSession)
            Proxy.newProxyInstance(
                ClientSession.class.getClassLoader(), new Class<?>[] {ClientSession.class}, h);
    h.cleanable = Reaper.CLEANER.register(proxy, h.state);
    return proxy;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("close") && method.getParameterCount() == 0) {
      state.closedByUser = true;
      cleanable.clean();
      return null;
    }
    return forward.invoke(proxy, method, args);
  }

  @Override
  public String toString() {
    return forward.toString();
  }
}
