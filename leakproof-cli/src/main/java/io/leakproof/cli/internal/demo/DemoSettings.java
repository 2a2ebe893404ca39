package io.leakproof.cli.internal.demo;

import io.leakproof.cli.internal.db.Dialect;
import java.time.Duration;

/**
 * The demo's settings, the same for every pool.
 *
 * @param url the database's JDBC URL
 * @param user the user, or null
 * @param password the password, or null (never printed)
 * @param duration how long requests arrive, per pool
 * @param rate requests per second
 * @param maxSize the pools' maximum size
 * @param acquireTimeout how long a request waits for a connection
 * @param leakThreshold the pools' time-based leak threshold
 * @param leakEvery one request in this many takes a leaking path (0: none)
 */
public record DemoSettings(
    String url,
    String user,
    String password,
    Duration duration,
    int rate,
    int maxSize,
    Duration acquireTimeout,
    Duration leakThreshold,
    int leakEvery) {

  /** Returns the database's dialect. */
  public Dialect dialect() {
    return Dialect.of(url);
  }

  @Override
  public String toString() {
    return "DemoSettings[url="
        + io.leakproof.cli.internal.Secrets.maskUrl(url)
        + ", user="
        + user
        + ", duration="
        + duration
        + ", rate="
        + rate
        + ", maxSize="
        + maxSize
        + "]";
  }
}
