package io.leakproof.testkit;

import io.leakproof.spi.ResourceFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A resource factory for tests and benchmarks that counts how many resources are open at once
 * and remembers the peak: the check behind the hard-limit promise. A resource counts as open
 * from the moment {@link #create} starts (the pool reserved its slot) until {@link #destroy}
 * returns, which is exactly the window the promise covers.
 *
 * <p>Behaviour can be changed at any time, from any thread: creations can be made slow
 * ({@link #createDelay}), failing ({@link #failCreates}), or hanging until released
 * ({@link #hangCreates}); validation can be made to fail ({@link #failValidation}).
 */
public final class FakeResourceFactory implements ResourceFactory<FakeResourceFactory.Resource> {

  /**
   * One fake resource.
   *
   * @param id its sequence number, from 1
   */
  public record Resource(long id) {
    @Override
    public String toString() {
      return "fake-" + id;
    }
  }

  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong destroyed = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();
  private final AtomicLong validations = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private volatile long createDelayNanos;
  private volatile boolean failCreates;
  private volatile boolean failValidation;
  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
  private final AtomicBoolean brokenOnAnyFailure = new AtomicBoolean();

  /** Creates a factory whose creations succeed at once. */
  public FakeResourceFactory() {}

  @Override
  public Resource create(Duration timeout) throws Exception {
    attempts.incrementAndGet();
    int now = open.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    boolean ok = false;
    try {
      CountDownLatch h = hang.get();
      if (h != null) {
        h.await();
      }
      long delay = createDelayNanos;
      if (delay > 0) {
        TimeUnit.NANOSECONDS.sleep(delay);
      }
      if (failCreates) {
        throw new java.net.ConnectException("fake: connection refused");
      }
      created.incrementAndGet();
      ok = true;
      return new Resource(ids.incrementAndGet());
    } finally {
      if (!ok) {
        open.decrementAndGet();
      }
    }
  }

  @Override
  public boolean validate(Resource resource, Duration timeout) {
    validations.incrementAndGet();
    return !failValidation;
  }

  @Override
  public void reset(Resource resource) {
    resets.incrementAndGet();
  }

  @Override
  public void destroy(Resource resource) {
    destroyed.incrementAndGet();
    open.decrementAndGet();
  }

  @Override
  public boolean isBroken(Resource resource, Throwable failure) {
    return brokenOnAnyFailure.get() || failure instanceof java.io.IOException;
  }

  @Override
  public String resourceKind() {
    return "fake resource";
  }

  /**
   * Makes every creation take this long (on the pool's creator thread).
   *
   * @param delay the delay; ZERO for none
   * @return this factory
   */
  public FakeResourceFactory createDelay(Duration delay) {
    this.createDelayNanos = delay.toNanos();
    return this;
  }

  /**
   * Makes creations fail (with a {@link java.net.ConnectException}) or succeed again.
   *
   * @param fail whether creations fail
   * @return this factory
   */
  public FakeResourceFactory failCreates(boolean fail) {
    this.failCreates = fail;
    return this;
  }

  /**
   * Makes validations fail or succeed.
   *
   * @param fail whether validations fail
   * @return this factory
   */
  public FakeResourceFactory failValidation(boolean fail) {
    this.failValidation = fail;
    return this;
  }

  /**
   * Makes every creation from now on hang until {@link #releaseHungCreates()}.
   *
   * @return this factory
   */
  public FakeResourceFactory hangCreates() {
    hang.compareAndSet(null, new CountDownLatch(1));
    return this;
  }

  /** Lets every hung creation continue, and stops hanging new ones. */
  public void releaseHungCreates() {
    CountDownLatch h = hang.getAndSet(null);
    if (h != null) {
      h.countDown();
    }
  }

  /**
   * Returns how many resources are open now (creating, or created and not yet destroyed).
   *
   * @return the count
   */
  public int open() {
    return open.get();
  }

  /**
   * Returns the most resources ever open at once.
   *
   * @return the peak
   */
  public int peak() {
    return peak.get();
  }

  /** Forgets the peak (sets it to the current count). */
  public void resetPeak() {
    peak.set(open.get());
  }

  /**
   * Returns how many resources were created successfully.
   *
   * @return the count
   */
  public long created() {
    return created.get();
  }

  /**
   * Returns how many creations were attempted.
   *
   * @return the count
   */
  public long attempts() {
    return attempts.get();
  }

  /**
   * Returns how many resources were destroyed.
   *
   * @return the count
   */
  public long destroyed() {
    return destroyed.get();
  }

  /**
   * Returns how many resets ran.
   *
   * @return the count
   */
  public long resets() {
    return resets.get();
  }

  /**
   * Returns how many validations ran.
   *
   * @return the count
   */
  public long validations() {
    return validations.get();
  }
}
