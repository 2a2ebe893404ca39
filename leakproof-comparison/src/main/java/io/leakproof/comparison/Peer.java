package io.leakproof.comparison;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * The incumbent pools Leakproof is compared with, by the name a command line or a benchmark
 * parameter uses. {@link #open} opens one from {@link PeerSettings}; {@link Peers} has the same per
 * pool, typed.
 */
public enum Peer {
  /** HikariCP. */
  HIKARICP("hikaricp", "HikariCP", "com.zaxxer", "HikariCP", "com.zaxxer.hikari.HikariDataSource"),
  /** Agroal. */
  AGROAL("agroal", "Agroal", "io.agroal", "agroal-pool", "io.agroal.pool.DataSource"),
  /** Vibur DBCP. */
  VIBUR("vibur", "Vibur", "org.vibur", "vibur-dbcp", "org.vibur.dbcp.ViburDBCPDataSource"),
  /** Apache Commons DBCP2. */
  DBCP2(
      "dbcp2", "DBCP2", "org.apache.commons", "commons-dbcp2",
      "org.apache.commons.dbcp2.BasicDataSource"),
  /** Tomcat JDBC. */
  TOMCAT_JDBC(
      "tomcat", "Tomcat JDBC", "org.apache.tomcat", "tomcat-jdbc",
      "org.apache.tomcat.jdbc.pool.DataSource"),
  /** c3p0. */
  C3P0("c3p0", "c3p0", "com.mchange", "c3p0", "com.mchange.v2.c3p0.ComboPooledDataSource");

  private final String id;
  private final String product;
  private final String groupId;
  private final String artifactId;
  private final String poolClass;

  Peer(String id, String product, String groupId, String artifactId, String poolClass) {
    this.id = id;
    this.product = product;
    this.groupId = groupId;
    this.artifactId = artifactId;
    this.poolClass = poolClass;
  }

  /**
   * Returns the pool's short name.
   *
   * @return for example {@code "hikaricp"}
   */
  public String id() {
    return id;
  }

  /**
   * Returns the pool's product name.
   *
   * @return for example {@code "Tomcat JDBC"}
   */
  public String product() {
    return product;
  }

  /**
   * Returns whether the pool is on the class or module path.
   *
   * @return whether {@link #open} can open it
   */
  public boolean available() {
    try {
      Class.forName(poolClass, false, Peer.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Returns the version of the pool on the path, read from the Maven metadata its jar carries.
   *
   * @return for example {@code "7.1.0"}, or {@code "?"} when unknown or the pool is absent (Tomcat
   *     JDBC and c3p0 ship no Maven metadata)
   */
  public String version() {
    String path = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try {
      Class<?> c = Class.forName(poolClass, false, Peer.class.getClassLoader());
      try (InputStream in = c.getResourceAsStream(path)) {
        if (in == null) {
          return "?";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "?");
      }
    } catch (ClassNotFoundException | LinkageError | IOException e) {
      return "?";
    }
  }

  /**
   * Returns the pool's product name and version.
   *
   * @return for example {@code "HikariCP 7.1.0"}
   */
  public String title() {
    return product + " " + version();
  }

  /**
   * Opens the pool.
   *
   * @param settings the settings every pool gets alike
   * @return the open pool
   * @throws SQLException if the pool cannot start
   * @throws IllegalStateException if the pool is not on the class or module path
   */
  public PeerPool open(PeerSettings settings) throws SQLException {
    if (!available()) {
      throw new IllegalStateException(
          "the " + product + " pool (" + groupId + ":" + artifactId + ") is not on the class path");
    }
    return Peers.open(this, settings);
  }

  /**
   * Finds a pool by its short name.
   *
   * @param id a {@link #id()}, in any case
   * @return the pool
   * @throws IllegalArgumentException if no pool has that name; the message lists them
   */
  public static Peer of(String id) {
    String n = id.trim().toLowerCase(Locale.ROOT);
    for (Peer p : values()) {
      if (p.id.equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "pool must be one of " + Arrays.stream(values()).map(Peer::id).toList() + " but was " + id);
  }
}
