package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.Secrets;
import io.leakproof.comparison.PeerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a pool under test: the same settings for every pool, so that a comparison compares
 * pools and not configurations.
 *
 * @param poolName the name the pool gets (shows in its own logs and thread names)
 * @param jdbcUrl the URL to give the pool: the target URL behind {@link CountingDriver}'s prefix,
 *     so that every physical connect is counted; pools that look up their driver through {@link
 *     java.sql.DriverManager} (all of them) accept it as is
 * @param targetUrl the database's own URL, for pools that must see it (dialect detection)
 * @param user the user name, or null for the driver's default
 * @param password the password, or null; never printed
 * @param maxSize the pool's maximum number of connections
 * @param acquireTimeout how long {@code getConnection()} may wait
 * @param leakThreshold the time after which a pool that reports long-held connections reports one
 *     (HikariCP {@code leakDetectionThreshold}, Agroal {@code leakTimeout}, DBCP2 {@code
 *     removeAbandonedTimeout})
 */
public record PoolSpec(
    String poolName,
    String jdbcUrl,
    String targetUrl,
    String user,
    String password,
    int maxSize,
    Duration acquireTimeout,
    Duration leakThreshold) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if maxSize is below 1
   */
  public PoolSpec {
    Objects.requireNonNull(poolName, "poolName");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(targetUrl, "targetUrl");
    Objects.requireNonNull(acquireTimeout, "acquireTimeout");
    Objects.requireNonNull(leakThreshold, "leakThreshold");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1 but was " + maxSize);
    }
  }

  /**
   * Returns these settings for a peer pool of the comparison module, before each adapter sets its
   * pool's leak handling.
   *
   * @return the peer settings: URL, credentials, maximum, acquire timeout; on-demand connections
   */
  public PeerSettings peerSettings() {
    return PeerSettings.of(poolName, jdbcUrl, maxSize)
        .withCredentials(user, password)
        .withAcquireTimeout(acquireTimeout);
  }

  @Override
  public String toString() {
    return "PoolSpec[poolName="
        + poolName
        + ", targetUrl="
        + Secrets.maskUrl(targetUrl)
        + ", user="
        + user
        + ", password="
        + (password == null ? "<none>" : "***")
        + ", maxSize="
        + maxSize
        + ", acquireTimeout="
        + acquireTimeout
        + ", leakThreshold="
        + leakThreshold
        + "]";
  }
}
