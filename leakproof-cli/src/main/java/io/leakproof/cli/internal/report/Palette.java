package io.leakproof.cli.internal.report;

import java.util.List;

/** Colours for pools and series, the same in every chart and card of a report. */
public final class Palette {
  /** Fallback colours for pools not named below (the racy test pool, future pools). */
  private static final List<String> OTHERS = List.of("#00838f", "#6d4c41", "#546e7a", "#ad1457");

  /** Errors, timeouts, limits. */
  public static final String RED = "#c62828";

  /** Waiting callers. */
  public static final String AMBER = "#e08a00";

  /** Reclaimed leaks, success. */
  public static final String GREEN = "#2f8132";

  /** Neutral series. */
  public static final String GREY = "#7b8794";

  private Palette() {}

  /**
   * Returns a pool's colour.
   *
   * @param pool the pool's command-line name
   * @return a CSS colour
   */
  public static String pool(String pool) {
    return switch (pool) {
      case "leakproof" -> "#2f8132";
      case "hikaricp" -> "#1565c0";
      case "agroal" -> "#ef6c00";
      case "dbcp2" -> "#6a1b9a";
      default -> OTHERS.get(Math.floorMod(pool.hashCode(), OTHERS.size()));
    };
  }
}
