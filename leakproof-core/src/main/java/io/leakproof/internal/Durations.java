package io.leakproof.internal;

import java.time.Duration;
import java.util.Locale;

/** Formats durations the way people read them in messages: {@code 850 ms}, {@code 12.4 s}. */
final class Durations {
  private Durations() {}

  static String format(long nanos) {
    if (nanos < 0) {
      nanos = 0;
    }
    if (nanos < 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 1_000_000_000L) {
      return (nanos / 1_000_000L) + " ms";
    }
    if (nanos < 120_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    if (nanos < 7_200_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f min", nanos / 6e10);
    }
    return String.format(Locale.ROOT, "%.1f h", nanos / 3.6e12);
  }

  static String format(Duration d) {
    return format(toNanos(d));
  }

  /** Converts without overflow: durations longer than ~292 years saturate. */
  static long toNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
