package io.leakproof.internal;

import io.leakproof.spi.LeaseHandle;
import java.lang.ref.WeakReference;

/**
 * The token of a lease when abandoned-handle detection is on: a weak reference to the handle,
 * enqueued on {@link LeakReaper#QUEUE} by the garbage collector when the handle becomes
 * unreachable. The slot holds this reference strongly (as its token) and the handle holds it
 * too; nothing in the pool holds the handle strongly.
 *
 * <p>It is cleared when the lease ends normally, so that only abandoned handles are ever
 * enqueued. A weak (not phantom) reference, so that the hold-limit sweep and shutdown can reach
 * a still-reachable handle; handles have no finalizers, so weak and phantom reachability
 * coincide.
 */
final class LeaseRef extends WeakReference<LeaseHandle<?>> {
  final Slot<?> slot;

  LeaseRef(LeaseHandle<?> handle, Slot<?> slot) {
    super(handle, LeakReaper.queue());
    this.slot = slot;
  }
}
