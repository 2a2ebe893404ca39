package io.leakproof.spi;

import io.leakproof.LeaseInfo;

/**
 * Observes a pool: the one observation channel that logging, metrics, JFR and tests all use.
 *
 * <p><b>Contract.</b> A listener must be fast and non-blocking (it runs on the borrower's thread
 * for acquire and release, and on the pool's threads otherwise), must not throw (the pool catches
 * and logs what it throws, once per listener and event type, and carries on), and must never call
 * back into the pool that called it. The {@link LeaseInfo} passed to acquire and release is a
 * live view valid only during the call: copy what you need, keep nothing.
 *
 * <p>Every method has an empty default, so a listener implements only what it needs. The pool
 * notices which methods a listener overrides: {@link #onAcquire} and {@link #onRelease} cost
 * nothing on the hot path unless some listener overrides them.
 */
public interface PoolListener {

  /**
   * A lease was granted.
   *
   * @param lease the lease (a live view, valid during the call)
   * @param waitNanos how long the caller waited for it
   */
  default void onAcquire(LeaseInfo lease, long waitNanos) {}

  /**
   * A lease ended by the borrower (close or invalidate), before the resource is reused.
   *
   * @param lease the lease (a live view, valid during the call)
   * @param holdNanos how long it was held
   */
  default void onRelease(LeaseInfo lease, long holdNanos) {}

  /**
   * A physical resource was created.
   *
   * @param event the details
   */
  default void onCreate(PoolEvent.Created event) {}

  /**
   * A creation failed or passed its deadline.
   *
   * @param event the details
   */
  default void onCreateFailed(PoolEvent.CreateFailed event) {}

  /**
   * A physical resource was closed (after its destroy returned).
   *
   * @param event the details, including the reason
   */
  default void onClose(PoolEvent.Closed event) {}

  /**
   * An acquisition waited longer than {@link io.leakproof.PoolConfig#slowAcquireThreshold()}
   * and succeeded.
   *
   * @param event the details
   */
  default void onSlowAcquire(PoolEvent.SlowAcquire event) {}

  /**
   * An acquisition timed out.
   *
   * @param event the details, including the diagnosis the caller received
   */
  default void onTimeout(PoolEvent.Timeout event) {}

  /**
   * An acquisition was refused because maxWaiting callers were already waiting.
   *
   * @param event the details
   */
  default void onRejected(PoolEvent.Rejected event) {}

  /**
   * A lease passed the leak-warning threshold (reported once per lease).
   *
   * @param event the lease and what to do next
   */
  default void onLeakSuspected(PoolEvent.Leak event) {}

  /**
   * A lease earlier reported as a suspected leak came back: it was slow, not leaked.
   *
   * @param event the lease and its final hold time
   */
  default void onLeakReturned(PoolEvent.Leak event) {}

  /**
   * A lease was reclaimed: abandoned (proven leak), past maxHoldTime, or still held at shutdown.
   *
   * @param event the lease, the signal and what to do next
   */
  default void onLeakReclaimed(PoolEvent.Leak event) {}
}
