package io.leakproof.internal;

import io.leakproof.CloseReason;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.ResourceFactory;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Every call into the pool's {@link ResourceFactory} except creation (which is {@link Creator}'s):
 * validation, reset, the broken-resource check, descriptions, and destruction with its
 * bookkeeping. A factory that throws never breaks the pool: each failure has a defined meaning
 * (a failed reset or validation closes the resource; a failed destroy is reported with the close).
 *
 * <p>Implementation notes: holds no lock. Destroys run on the pool's worker (never on the
 * caller's thread, promise 5), and the resource's place under the limit is given back only after
 * the factory's destroy returned (promise 1).
 *
 * @param <R> the resource type
 */
final class Resources<R> {
  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");

  private final Settings settings;
  private final ResourceFactory<R> factory;
  private final SlotTable<R> slots;
  private final Executor worker;
  private final Counters counters;
  private final Listeners listeners;
  private final Runnable refill;

  /**
   * Wires the calls.
   *
   * @param refill called after each destroy, so that the pool replaces what it needs
   */
  Resources(
      Settings settings,
      ResourceFactory<R> factory,
      SlotTable<R> slots,
      Executor worker,
      Counters counters,
      Listeners listeners,
      Runnable refill) {
    this.settings = settings;
    this.factory = factory;
    this.slots = slots;
    this.worker = worker;
    this.counters = counters;
    this.listeners = listeners;
    this.refill = refill;
  }

  /** Returns the factory's name for its resources, or "resource" if it has none. */
  static String kindOf(ResourceFactory<?> factory) {
    try {
      String k = factory.resourceKind();
      return k == null || k.isBlank() ? "resource" : k;
    } catch (RuntimeException e) {
      return "resource";
    }
  }

  /** Runs the factory's reset; returns why the resource must close, or {@code null} if it may be reused. */
  CloseReason reset(Slot<R> slot) {
    try {
      factory.reset(slot.resource());
      return null;
    } catch (Exception | LinkageError e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "Pool '" + settings.name + "': reset failed; closing the " + settings.kind,
          e);
      return CloseReason.RESET_FAILED;
    }
  }

  /** Runs the factory's validation; a validation that throws counts as failed. */
  boolean validate(Slot<R> slot) {
    try {
      return factory.validate(slot.resource(), settings.validationTimeout);
    } catch (Exception | LinkageError e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "Pool '" + settings.name + "': validation threw; closing the " + settings.kind,
          e);
      return false;
    }
  }

  /** Asks the factory whether {@code failure} means the resource is broken. */
  boolean isBroken(Slot<R> slot, Throwable failure) {
    try {
      return factory.isBroken(slot.resource(), failure);
    } catch (RuntimeException e) {
      return false;
    }
  }

  String describe(R resource) {
    try {
      return factory.describe(resource);
    } catch (RuntimeException e) {
      return resource.getClass().getSimpleName();
    }
  }

  /** Moves a resource the caller owns to CLOSING and destroys it on a worker. */
  void destroy(Slot<R> slot, CloseReason reason) {
    slot.moveToClosing();
    try {
      worker.execute(() -> finishDestroy(slot, reason));
    } catch (RejectedExecutionException closing) {
      finishDestroy(slot, reason);
    }
  }

  private void finishDestroy(Slot<R> slot, CloseReason reason) {
    Throwable error = null;
    try {
      factory.destroy(slot.resource());
    } catch (Exception | LinkageError e) {
      error = e;
    }
    long now = settings.ticker.read();
    counters.leasesOfClosed.addAndGet(slot.leaseCount());
    slot.moveToClosed();
    // Counted before the place is given back, so that whoever sees the open count fall also
    // sees why.
    counters.closed(reason);
    slots.remove(slot);
    listeners.closed(
        new PoolEvent.Closed(
            settings.name,
            slot.resourceId(),
            describe(slot.resource()),
            reason,
            Duration.ofNanos(now - slot.createdAtNanos()),
            error));
    refill.run();
  }
}
