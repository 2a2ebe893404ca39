package io.leakproof.mongodb.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of checkout waits: four buckets per power of two of nanoseconds, so a
 * percentile is within 25% of the true value; the maximum is exact. Recording is one array
 * increment; reading walks 256 counters.
 */
final class WaitHistogram {
  /** 64 powers of two, four sub-buckets each: every {@code long} has a bucket. */
  private static final int BUCKETS = 256;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  void record(long nanos) {
    long n = Math.max(0, nanos);
    counts.incrementAndGet(index(n));
    max.accumulateAndGet(n, Math::max);
  }

  static int index(long n) {
    if (n < 4) {
      return (int) n;
    }
    int msb = 63 - Long.numberOfLeadingZeros(n);
    int sub = (int) ((n >>> (msb - 2)) & 3);
    return msb * 4 + sub;
  }

  /** The largest value that falls into bucket {@code i}. */
  static long upperBound(int i) {
    if (i < 4) {
      return i;
    }
    int msb = i / 4;
    int sub = i % 4;
    if (msb >= 62) {
      return Long.MAX_VALUE;
    }
    return ((4L + sub + 1) << (msb - 2)) - 1;
  }

  Duration max() {
    return Duration.ofNanos(max.get());
  }

  /** Returns the value at quantile {@code q} (0..1), capped at the exact maximum. */
  Duration percentile(double q) {
    long total = 0;
    long[] snapshot = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return Duration.ZERO;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank && snapshot[i] > 0) {
        return Duration.ofNanos(Math.min(upperBound(i), max.get()));
      }
    }
    return max();
  }
}
