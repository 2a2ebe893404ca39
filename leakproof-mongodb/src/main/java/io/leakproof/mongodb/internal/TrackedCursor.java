package io.leakproof.mongodb.internal;

import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCursor;
import io.leakproof.CallSite;
import io.leakproof.mongodb.MongoLeakReport;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;
import org.bson.BsonDocument;

/**
 * The cursor the application holds. When it becomes unreachable without {@link #close()} and
 * its server-side cursor is still open, the reaper reports the leak with the opening line and
 * closes the driver's cursor, which sends {@code killCursors}. An exhausted cursor (the driver
 * already closed it on the server) that is dropped is released silently: iterating to the end
 * is a correct use. Not thread-safe, like the driver's cursor.
 */
final class TrackedCursor<T> implements MongoChangeStreamCursor<T> {
  /** What the reaper runs: holds everything but the wrapper, so the wrapper can be collected. */
  static final class State implements Runnable {
    final MongoCursor<?> delegate;
    final CheckoutTracker tracker;
    final String what;
    final CallSite site;
    final String thread;
    final long openedAtNanos;
    volatile boolean closedByUser;

    State(MongoCursor<?> delegate, CheckoutTracker tracker, String what, CallSite site) {
      this.delegate = delegate;
      this.tracker = tracker;
      this.what = what;
      this.site = site;
      this.thread = Reporter.describe(Thread.currentThread());
      this.openedAtNanos = tracker.nowNanos();
    }

    @Override
    public void run() {
      tracker.cursorsOpen.decrement();
      try {
        if (!closedByUser && delegate.getServerCursor() != null) {
          long age = tracker.nowNanos() - openedAtNanos;
          ServerAddress a = delegate.getServerAddress();
          tracker.cursorLeaked(a == null ? null : a.toString());
          if (site != null) {
            tracker.sites().reclaimed(site);
          }
          tracker
              .reporter()
              .report(
                  MongoLeakReport.Kind.CURSOR_LEAK,
                  tracker.diagnosis().cursorLeak(what, site, thread, age),
                  site,
                  thread,
                  age);
        }
      } finally {
        try {
          delegate.close();
        } catch (RuntimeException e) {
          // The client is already closed, or the server is gone: nothing left to kill here.
          System.getLogger("io.leakproof.mongodb")
              .log(System.Logger.Level.DEBUG, "Closing a cursor failed", e);
        }
      }
    }
  }

  private final MongoCursor<T> delegate;
  private final State state;
  private final Cleaner.Cleanable cleanable;
  private final CheckoutTracker tracker;

  @SuppressWarnings("unused") // keeps the client reachable while the cursor is
  private final Object client;

  TrackedCursor(MongoCursor<T> delegate, CheckoutTracker tracker, Object client, CallSite site) {
    this.delegate = delegate;
    this.tracker = tracker;
    this.client = client;
    String what = delegate instanceof MongoChangeStreamCursor ? "change-stream cursor" : "cursor";
    this.state = new State(delegate, tracker, what, site);
    tracker.cursorsOpen.increment();
    this.cleanable = Reaper.CLEANER.register(this, state);
  }

  @Override
  public void close() {
    state.closedByUser = true;
    cleanable.clean();
  }

  @Override
  public boolean hasNext() {
    try {
      return delegate.hasNext();
    } catch (MongoTimeoutException e) {
      throw tracker.translate(e);
    }
  }

  @Override
  public T next() {
    try {
      return delegate.next();
    } catch (MongoTimeoutException e) {
      throw tracker.translate(e);
    }
  }

  @Override
  public int available() {
    return delegate.available();
  }

  @Override
  public T tryNext() {
    try {
      return delegate.tryNext();
    } catch (MongoTimeoutException e) {
      throw tracker.translate(e);
    }
  }

  @Override
  public ServerCursor getServerCursor() {
    return delegate.getServerCursor();
  }

  @Override
  public ServerAddress getServerAddress() {
    return delegate.getServerAddress();
  }

  @Override
  public void forEachRemaining(Consumer<? super T> action) {
    while (hasNext()) {
      action.accept(next());
    }
  }

  @Override
  public BsonDocument getResumeToken() {
    if (delegate instanceof MongoChangeStreamCursor<?> c) {
      return c.getResumeToken();
    }
    throw new UnsupportedOperationException(
        "getResumeToken() is for change-stream cursors; this cursor came from a find or an"
            + " aggregate");
  }

  @Override
  public String toString() {
    return "Leakproof" + delegate;
  }
}
