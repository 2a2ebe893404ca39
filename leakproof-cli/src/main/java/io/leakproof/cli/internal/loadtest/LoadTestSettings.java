package io.leakproof.cli.internal.loadtest;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.db.Dialect;
import java.time.Duration;

/**
 * The load test's settings, the same for every pool.
 *
 * @param url the database's JDBC URL
 * @param user the user, or null
 * @param password the password, or null (never printed)
 * @param borrowers how many borrowers, each borrowing once
 * @param hold how long each borrower holds its connection
 * @param maxSize the pools' maximum size
 * @param leakRate the fraction of borrowers that drop their connection without closing it
 * @param virtualThreads whether borrowers run on virtual threads (else platform threads)
 * @param acquireTimeout how long a borrower waits for a connection
 * @param leakThreshold the pools' time-based leak threshold
 * @param sampleInterval how often the server-side connection count is sampled
 * @param serverSideHold whether the hold is a server-side sleep (else the borrower sleeps)
 */
public record LoadTestSettings(
    String url,
    String user,
    String password,
    int borrowers,
    Duration hold,
    int maxSize,
    double leakRate,
    boolean virtualThreads,
    Duration acquireTimeout,
    Duration leakThreshold,
    Duration sampleInterval,
    boolean serverSideHold) {

  /** Returns the database's dialect. */
  public Dialect dialect() {
    return Dialect.of(url);
  }

  /**
   * Returns the shortest possible wall time: the borrowers in waves of {@code maxSize}, each wave
   * holding for {@code hold}.
   */
  public double idealSeconds() {
    long waves = (borrowers + (long) maxSize - 1) / maxSize;
    return waves * hold.toNanos() / 1e9;
  }

  /**
   * Returns whether borrower {@code i} leaks: spread evenly (a low-discrepancy sequence), so that
   * a rate of 0.02 makes exactly one leak in 50 borrowers, not a random number of them.
   */
  boolean leaks(int i) {
    if (leakRate <= 0) {
      return false;
    }
    double golden = 0.6180339887498949;
    double u = (i * golden) % 1.0;
    return u < leakRate;
  }

  @Override
  public String toString() {
    return "LoadTestSettings[url="
        + Secrets.maskUrl(url)
        + ", user="
        + user
        + ", borrowers="
        + borrowers
        + ", hold="
        + hold
        + ", maxSize="
        + maxSize
        + ", leakRate="
        + leakRate
        + "]";
  }
}
