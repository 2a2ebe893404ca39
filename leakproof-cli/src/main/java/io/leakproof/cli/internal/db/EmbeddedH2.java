package io.leakproof.cli.internal.db;

import io.leakproof.cli.internal.CliException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import org.h2.tools.Server;

/**
 * An in-memory H2 database served over TCP on 127.0.0.1 and a free port: the demo's database,
 * with real sockets between the pool and the server, and nothing to set up. A connection held by
 * this object keeps the in-memory database alive; the TCP server runs in this JVM.
 *
 * <p>The user and a random password are made up per run and never printed.
 */
public final class EmbeddedH2 implements AutoCloseable {
  private final Server server;
  private final Connection keepAlive;
  private final String url;
  private final String user = "SHOP";
  private final String password;

  private EmbeddedH2(String name) throws SQLException {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    password = HexFormat.of().formatHex(secret);
    // Listen on the loopback interface only.
    System.setProperty("h2.bindAddress", "127.0.0.1");
    server = Server.createTcpServer("-tcpPort", "0").start();
    try {
      keepAlive =
          DriverManager.getConnection(
              "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", user, password);
    } catch (SQLException e) {
      server.stop();
      throw e;
    }
    url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name;
  }

  /**
   * Starts the server and creates the database.
   *
   * @param name the database name
   * @return the running database
   * @throws CliException if H2 cannot start
   */
  public static EmbeddedH2 start(String name) {
    try {
      return new EmbeddedH2(name);
    } catch (SQLException e) {
      throw new CliException("cannot start the embedded H2 database: " + e.getMessage());
    }
  }

  /** Returns the TCP URL clients use. */
  public String url() {
    return url;
  }

  /** Returns the user. */
  public String user() {
    return user;
  }

  /** Returns the password. */
  public String password() {
    return password;
  }

  /** Returns the TCP port. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    try (java.sql.Statement s = keepAlive.createStatement()) {
      s.execute("SHUTDOWN"); // frees the in-memory database and ends every session
    } catch (SQLException ignored) {
      // stopping the server below is what matters
    }
    try {
      keepAlive.close();
    } catch (SQLException ignored) {
      // the server stops anyway
    }
    server.stop();
  }
}
