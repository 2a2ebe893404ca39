package io.leakproof.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code leakproof --version}: the CLI's version and the Java it runs on. */
final class VersionProvider implements IVersionProvider {
  VersionProvider() {}

  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/io/leakproof/cli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "leakproof " + p.getProperty("version", "unknown"),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
