package io.leakproof.internal;

import io.leakproof.CloseReason;

/**
 * Whether a resource may still be lent: not retired (shutdown, soft eviction, lifetime, a shrunk
 * limit), and not in doubt since a failure elsewhere.
 *
 * <p>Implementation notes: no lock; the fields are volatile and written rarely (an eviction, a
 * broken resource). After a failure, resources not known to work since then are validated before
 * their next lend, because what breaks one (a failover, a network cut) usually breaks all.
 * "Known to work" means created or validated since: a lease returned after the failure proves
 * nothing (its borrower's last call may have run before it), and lending it unchecked once handed
 * a dead connection to the next borrower (PostgresFailureRecoveryIT, TCP proxy cut).
 *
 * @param <R> the resource type
 */
final class Freshness<R> {
  private final Settings settings;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private volatile long evictEpoch;
  private volatile long suspectBeforeNanos;
  private volatile boolean suspectAll;

  Freshness(Settings settings, SlotTable<R> slots, HandOff<R> handOff) {
    this.settings = settings;
    this.slots = slots;
    this.handOff = handOff;
  }

  /** The epoch a new resource is created in. */
  long epoch() {
    return evictEpoch;
  }

  /** Retires every resource created so far (those with ids up to {@code lastResourceId}). */
  void evictUpTo(long lastResourceId) {
    evictEpoch = lastResourceId + 1;
  }

  /** Why a resource must not be lent again, or {@code null} if it may. */
  CloseReason retireReason(Slot<R> slot, long now) {
    if (handOff.isClosed()) {
      return CloseReason.SHUTDOWN;
    }
    if (slot.epoch() < evictEpoch) {
      return CloseReason.EVICTED;
    }
    if (settings.maxLifetimeNanos > 0 && now - slot.expiresAtNanos() >= 0) {
      return CloseReason.LIFETIME;
    }
    if (slots.open() > slots.maxSize()) {
      return CloseReason.RESIZED;
    }
    return null;
  }

  /** Whether a resource just taken must be validated before it is lent. */
  boolean needsValidation(Slot<R> slot, long now) {
    return (settings.validateAfterIdleNanos > 0
            && now - slot.lastUsedNanos() > settings.validateAfterIdleNanos)
        || (suspectAll && slot.lastVerifiedNanos() - suspectBeforeNanos < 0);
  }

  /** Marks every resource not known to work after {@code now} for validation before its next lend. */
  void suspectEveryResource(long now) {
    suspectBeforeNanos = now;
    suspectAll = true;
  }
}
