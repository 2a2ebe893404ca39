package io.leakproof.cli.internal.watch;

import java.time.Duration;

/**
 * What {@code leakproof watch} watches and how.
 *
 * @param pid the process
 * @param interval time between samples
 * @param duration how long to watch; zero: until interrupted
 * @param window samples in the growth window
 * @param minGrowth how many sockets the fitted line must rise across the window
 * @param closeWaitThreshold CLOSE_WAIT sockets on one endpoint, two samples running, that count
 *     as a pile-up
 * @param json one JSON object per sample instead of the table
 * @param failOnGrowth stop at the first growth or pile-up and exit with {@link #EXIT_GROWTH}
 */
public record WatchSettings(
    long pid,
    Duration interval,
    Duration duration,
    int window,
    int minGrowth,
    int closeWaitThreshold,
    boolean json,
    boolean failOnGrowth) {
  /** The exit code when {@code --fail-on-growth} saw growth or a CLOSE_WAIT pile-up. */
  public static final int EXIT_GROWTH = 3;
}
