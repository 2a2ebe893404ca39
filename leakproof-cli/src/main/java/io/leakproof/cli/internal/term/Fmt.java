package io.leakproof.cli.internal.term;

import java.time.Duration;
import java.util.Locale;

/** Number and duration formats shared by the terminal and the HTML reports. */
public final class Fmt {
  private Fmt() {}

  /**
   * Formats a count with thousands separators.
   *
   * @param n the count
   * @return for example {@code 10,000}
   */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Formats a duration given in nanoseconds with a unit that fits it.
   *
   * @param nanos the duration
   * @return for example {@code 0.42 ms}, {@code 4.6 ms}, {@code 751 ms} or {@code 2.00 s}
   */
  public static String nanos(long nanos) {
    if (nanos < 0) {
      return "–";
    }
    double ms = nanos / 1e6;
    if (ms < 1) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    if (ms < 100_000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%,.0f s", ms / 1000);
  }

  /**
   * Formats seconds with one decimal.
   *
   * @param seconds the seconds
   * @return for example {@code 12.3 s}
   */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /**
   * Formats a duration the way the options accept it.
   *
   * @param d the duration
   * @return for example {@code 500ms}, {@code 2s}, {@code 30.4s}, {@code 1m30s}
   */
  public static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    if (d.toMillisPart() != 0) {
      return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    long m = s / 60;
    long rest = s % 60;
    return rest == 0 ? m + "m" : m + "m" + rest + "s";
  }

  /**
   * Formats a rate.
   *
   * @param perSecond events per second
   * @return for example {@code 143/s} or {@code 2.5/s}
   */
  public static String rate(double perSecond) {
    return perSecond >= 100
        ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
        : String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  /**
   * Formats a fraction as a percentage.
   *
   * @param fraction for example 0.97
   * @return for example {@code 97%}
   */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
