package io.leakproof.cli.internal.pool;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads a bundled library's version from the Maven metadata its jar carries. */
final class Versions {
  private Versions() {}

  /**
   * Returns a library's version.
   *
   * @param groupId the Maven group
   * @param artifactId the Maven artifact
   * @return the version, or {@code "?"} when the jar carries no metadata
   */
  static String of(String groupId, String artifactId) {
    String path = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = Versions.class.getResourceAsStream(path)) {
      if (in == null) {
        return "?";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }
}
