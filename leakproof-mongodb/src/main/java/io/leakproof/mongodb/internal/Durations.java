package io.leakproof.mongodb.internal;

import java.util.Locale;

/** Formats durations as the core's messages do: {@code 850 ms}, {@code 12.4 s}. */
final class Durations {
  private Durations() {}

  static String format(long nanos) {
    long n = Math.max(0, nanos);
    if (n < 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", n / 1e6);
    }
    if (n < 1_000_000_000L) {
      return (n / 1_000_000L) + " ms";
    }
    if (n < 120_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", n / 1e9);
    }
    if (n < 7_200_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f min", n / 6e10);
    }
    return String.format(Locale.ROOT, "%.1f h", n / 3.6e12);
  }
}
