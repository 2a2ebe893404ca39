package io.leakproof.testkit;

import io.leakproof.CallSite;
import io.leakproof.LeaseInfo;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every event a pool reports, in order, for assertions. Thread-safe; acquire and release
 * are recorded as {@link LeaseEvent}s copied during the callback (the live view is not kept).
 */
public final class RecordingListener implements PoolListener {

  /**
   * An acquire or release, copied from the live view.
   *
   * @param kind "acquire" or "release"
   * @param leaseId the lease number
   * @param thread the holder thread's name
   * @param callSite the call site, or null
   * @param tag the tag, or null
   * @param nanos the wait (acquire) or hold (release) time
   */
  public record LeaseEvent(
      String kind, long leaseId, String thread, CallSite callSite, String tag, long nanos) {}

  private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();

  /** Creates a listener with no events recorded. */
  public RecordingListener() {}

  @Override
  public void onAcquire(LeaseInfo lease, long waitNanos) {
    events.add(copy("acquire", lease, waitNanos));
  }

  @Override
  public void onRelease(LeaseInfo lease, long holdNanos) {
    events.add(copy("release", lease, holdNanos));
  }

  private static LeaseEvent copy(String kind, LeaseInfo l, long nanos) {
    return new LeaseEvent(
        kind, l.leaseId(), l.holder() == null ? "?" : l.holder().getName(), l.callSite(), l.tag(), nanos);
  }

  @Override
  public void onCreate(PoolEvent.Created e) {
    events.add(e);
  }

  @Override
  public void onCreateFailed(PoolEvent.CreateFailed e) {
    events.add(e);
  }

  @Override
  public void onClose(PoolEvent.Closed e) {
    events.add(e);
  }

  @Override
  public void onSlowAcquire(PoolEvent.SlowAcquire e) {
    events.add(e);
  }

  @Override
  public void onTimeout(PoolEvent.Timeout e) {
    events.add(e);
  }

  @Override
  public void onRejected(PoolEvent.Rejected e) {
    events.add(e);
  }

  @Override
  public void onLeakSuspected(PoolEvent.Leak e) {
    events.add(new Suspected(e));
  }

  @Override
  public void onLeakReturned(PoolEvent.Leak e) {
    events.add(new Returned(e));
  }

  @Override
  public void onLeakReclaimed(PoolEvent.Leak e) {
    events.add(e);
  }

  /**
   * A leak-suspected event (wrapped to tell it apart from a reclaim).
   *
   * @param leak the event
   */
  public record Suspected(PoolEvent.Leak leak) {}

  /**
   * A leak-returned follow-up event.
   *
   * @param leak the event
   */
  public record Returned(PoolEvent.Leak leak) {}

  /**
   * Returns every event recorded so far, in order.
   *
   * @return a copy
   */
  public List<Object> events() {
    return new ArrayList<>(events);
  }

  /**
   * Returns the recorded events of one type.
   *
   * @param type the event class
   * @param <T> the event type
   * @return the events, in order
   */
  public <T> List<T> events(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Object e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /**
   * Returns the leases reclaimed so far.
   *
   * @return the reclaim events, in order
   */
  public List<PoolEvent.Leak> reclaimed() {
    return events(PoolEvent.Leak.class);
  }

  /**
   * Waits until {@code count} events of a type matching {@code filter} have been recorded.
   *
   * @param type the event class
   * @param filter which events count
   * @param count how many
   * @param timeout how long to wait
   * @param <T> the event type
   * @return the matching events
   * @throws AssertionError if they did not arrive in time
   */
  public <T> List<T> await(Class<T> type, Predicate<T> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<T> found = new ArrayList<>();
      for (T e : events(type)) {
        if (filter.test(e)) {
          found.add(e);
        }
      }
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "expected " + count + " " + type.getSimpleName() + " events within " + timeout
                + " but saw " + found.size() + "; all events: " + events());
      }
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for events", e);
      }
    }
  }

  /** Forgets every event recorded so far. */
  public void clear() {
    events.clear();
  }
}
