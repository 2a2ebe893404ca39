package io.leakproof;

/**
 * A source of monotonic nanosecond time, read by the pool for every deadline and age it computes.
 *
 * <p>Production code uses {@link #system()}. Tests inject a controllable ticker (see
 * {@code io.leakproof.testkit.FakeTicker}) and drive maintenance with fake time, so that no test
 * sleeps to make time pass.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current time in nanoseconds from an arbitrary origin.
   *
   * @return nanoseconds; only differences between two reads are meaningful
   */
  long read();

  /**
   * Returns the ticker backed by {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}

/** The {@link System#nanoTime()} ticker; an enum so that it is a serializable singleton. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
