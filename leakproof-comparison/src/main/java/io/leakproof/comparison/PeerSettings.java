package io.leakproof.comparison;

import java.sql.Driver;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The settings every peer pool gets alike, so that a comparison compares pools and not
 * configurations. What is not here stays at each pool's own default: what a user gets who sets only
 * these.
 *
 * @param poolName the name the pool gets (its logs and thread names)
 * @param jdbcUrl the URL to connect to; every pool looks its driver up through {@link
 *     java.sql.DriverManager} unless {@code driverClass} or {@code dataSource} says otherwise
 * @param driverClass the driver to load by name, or null to let {@code DriverManager} find it
 * @param dataSource a data source to take physical connections from, for the pools that accept one
 *     (HikariCP, Vibur), or null to use the URL
 * @param user the user name, or null for the driver's default
 * @param password the password, or null; never printed
 * @param maxSize the maximum number of connections
 * @param minIdle how many connections the pool opens at start and keeps ({@code maxSize}: a
 *     fixed-size pool; 0: on demand); HikariCP always keeps {@code maxSize} (its default)
 * @param acquireTimeout how long {@code getConnection()} may wait
 * @param leakReport after how long a pool that reports held connections reports one (HikariCP
 *     {@code leakDetectionThreshold}, Agroal {@code leakTimeout}); {@link Duration#ZERO}: off
 * @param abandonAfter after how long a pool that takes held connections back closes one (DBCP2 and
 *     Tomcat JDBC {@code removeAbandonedTimeout}, c3p0 {@code unreturnedConnectionTimeout}), leaked
 *     or merely slow; {@link Duration#ZERO}: off
 * @param metrics whether a pool whose statistics are a switch collects them (Agroal {@code
 *     metricsEnabled})
 */
public record PeerSettings(
    String poolName,
    String jdbcUrl,
    Class<? extends Driver> driverClass,
    DataSource dataSource,
    String user,
    String password,
    int maxSize,
    int minIdle,
    Duration acquireTimeout,
    Duration leakReport,
    Duration abandonAfter,
    boolean metrics) {

  /**
   * Validates the settings.
   *
   * @throws NullPointerException if the name, URL or a duration is null
   * @throws IllegalArgumentException if a size or a duration is out of range; the message names it
   */
  public PeerSettings {
    Objects.requireNonNull(poolName, "poolName");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(acquireTimeout, "acquireTimeout");
    Objects.requireNonNull(leakReport, "leakReport");
    Objects.requireNonNull(abandonAfter, "abandonAfter");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1 but was " + maxSize);
    }
    if (minIdle < 0 || minIdle > maxSize) {
      throw new IllegalArgumentException(
          "minIdle must be between 0 and maxSize (" + maxSize + ") but was " + minIdle);
    }
    if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
      throw new IllegalArgumentException("acquireTimeout must be > 0 but was " + acquireTimeout);
    }
    if (leakReport.isNegative()) {
      throw new IllegalArgumentException("leakReport must be >= 0 but was " + leakReport);
    }
    if (abandonAfter.isNegative()) {
      throw new IllegalArgumentException("abandonAfter must be >= 0 but was " + abandonAfter);
    }
  }

  /**
   * Returns settings for a pool over a URL with everything else at its plainest: no credentials,
   * on-demand connections, a 30 s acquire timeout, no leak handling, no metrics.
   *
   * @param poolName the pool's name
   * @param jdbcUrl the URL
   * @param maxSize the maximum number of connections
   * @return the settings
   * @throws IllegalArgumentException if maxSize is below 1
   */
  public static PeerSettings of(String poolName, String jdbcUrl, int maxSize) {
    return new PeerSettings(
        poolName, jdbcUrl, null, null, null, null, maxSize, 0, Duration.ofSeconds(30),
        Duration.ZERO, Duration.ZERO, false);
  }

  /**
   * Returns these settings with a driver class and a data source.
   *
   * @param driver the driver to load by name, or null
   * @param source the data source for pools that accept one, or null
   * @return the new settings
   */
  public PeerSettings withSource(Class<? extends Driver> driver, DataSource source) {
    return new PeerSettings(
        poolName, jdbcUrl, driver, source, user, password, maxSize, minIdle, acquireTimeout,
        leakReport, abandonAfter, metrics);
  }

  /**
   * Returns these settings with credentials.
   *
   * @param newUser the user, or null
   * @param newPassword the password, or null
   * @return the new settings
   */
  public PeerSettings withCredentials(String newUser, String newPassword) {
    return new PeerSettings(
        poolName, jdbcUrl, driverClass, dataSource, newUser, newPassword, maxSize, minIdle,
        acquireTimeout, leakReport, abandonAfter, metrics);
  }

  /**
   * Returns these settings with another minimum idle count.
   *
   * @param newMinIdle between 0 and maxSize
   * @return the new settings
   * @throws IllegalArgumentException if out of range
   */
  public PeerSettings withMinIdle(int newMinIdle) {
    return new PeerSettings(
        poolName, jdbcUrl, driverClass, dataSource, user, password, maxSize, newMinIdle,
        acquireTimeout, leakReport, abandonAfter, metrics);
  }

  /**
   * Returns these settings with another acquire timeout.
   *
   * @param timeout greater than zero
   * @return the new settings
   * @throws IllegalArgumentException if not positive
   */
  public PeerSettings withAcquireTimeout(Duration timeout) {
    return new PeerSettings(
        poolName, jdbcUrl, driverClass, dataSource, user, password, maxSize, minIdle, timeout,
        leakReport, abandonAfter, metrics);
  }

  /**
   * Returns these settings with other leak handling.
   *
   * @param report when to report a held connection, ZERO for never
   * @param abandon when to take a held connection back, ZERO for never
   * @return the new settings
   * @throws IllegalArgumentException if a duration is negative
   */
  public PeerSettings withLeakHandling(Duration report, Duration abandon) {
    return new PeerSettings(
        poolName, jdbcUrl, driverClass, dataSource, user, password, maxSize, minIdle,
        acquireTimeout, report, abandon, metrics);
  }

  /**
   * Returns these settings with the pools' own statistics on or off.
   *
   * @param on whether to collect them
   * @return the new settings
   */
  public PeerSettings withMetrics(boolean on) {
    return new PeerSettings(
        poolName, jdbcUrl, driverClass, dataSource, user, password, maxSize, minIdle,
        acquireTimeout, leakReport, abandonAfter, on);
  }

  @Override
  public String toString() {
    return "PeerSettings[poolName=" + poolName + ", jdbcUrl=" + jdbcUrl.replaceAll(
            "(?i)((?:password|pwd)=)[^&;]*", "$1***")
        + ", user=" + user + ", password=" + (password == null ? "<none>" : "***")
        + ", maxSize=" + maxSize + ", minIdle=" + minIdle + ", acquireTimeout=" + acquireTimeout
        + ", leakReport=" + leakReport + ", abandonAfter=" + abandonAfter + ", metrics="
        + metrics + "]";
  }
}
