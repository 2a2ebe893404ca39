package io.leakproof.testkit;

import io.leakproof.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker whose time moves only when a test moves it. Thread-safe.
 *
 * <pre>{@code
 * FakeTicker time = new FakeTicker();
 * PoolConfig config = PoolConfig.builder().ticker(time).housekeeping(false).build();
 * ...
 * time.advance(Duration.ofMinutes(11));
 * pool.sweep(time.read());
 * }</pre>
 */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos;

  /** Starts at an arbitrary non-zero time, as {@link System#nanoTime()} does. */
  public FakeTicker() {
    this(1_000_000_000L);
  }

  /**
   * Starts at the given time.
   *
   * @param startNanos the first value {@link #read()} returns
   */
  public FakeTicker(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  @Override
  public long read() {
    return nanos.get();
  }

  /**
   * Moves time forward.
   *
   * @param d how far
   * @return the new time
   * @throws IllegalArgumentException if d is negative
   */
  public long advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, but was asked to move " + d);
    }
    return nanos.addAndGet(d.toNanos());
  }
}
