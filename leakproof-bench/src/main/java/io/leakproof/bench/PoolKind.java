package io.leakproof.bench;

import io.leakproof.comparison.Peer;
import io.leakproof.comparison.PeerPool;
import io.leakproof.comparison.PeerSettings;
import io.leakproof.testkit.jdbc.StubDataSource;
import io.leakproof.testkit.jdbc.StubDriver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every pool configuration the benchmarks can measure; a benchmark's {@code pool} parameter is a
 * {@link #param()} value. Every pool is fixed-size (max = min = initial =
 * {@link PoolSettings#size()}), connects to the testkit's stub driver, waits at most
 * {@link PoolSettings#acquireTimeout()} for a connection, and otherwise keeps its own defaults:
 * what a user gets who sets only the size and the timeout. Leak-related settings are the
 * documented difference between two variants of the same pool.
 */
public enum PoolKind {

  /** Leakproof with its default detection (abandoned handles, leak warning, sampled call sites). */
  LEAKPROOF("leakproof", "Leakproof") {
    @Override
    BenchPool open(PoolSettings s) {
      return LeakproofAdapter.open(LeakproofAdapter.Detection.DEFAULT, s);
    }
  },
  /** Leakproof with every detection off: the engine alone. */
  LEAKPROOF_OFF("leakproof-off", "Leakproof, detection off") {
    @Override
    BenchPool open(PoolSettings s) {
      return LeakproofAdapter.open(LeakproofAdapter.Detection.OFF, s);
    }
  },
  /** Leakproof with the default detection and the call site of every lease captured. */
  LEAKPROOF_ALL("leakproof-all", "Leakproof, call sites ALL") {
    @Override
    BenchPool open(PoolSettings s) {
      return LeakproofAdapter.open(LeakproofAdapter.Detection.ALL_CALL_SITES, s);
    }
  },
  /** HikariCP, leak detection off (its default). */
  HIKARI("hikari", "HikariCP") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return hikari(s, Duration.ZERO);
    }
  },
  /**
   * HikariCP with leak detection on: a 60 s threshold, like Leakproof's default leak warning. The
   * cost is paid on every borrow (a stack capture and a scheduled task) whatever the threshold.
   */
  HIKARI_LEAK("hikari-leak", "HikariCP, leak detection") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return hikari(s, Duration.ofSeconds(60));
    }
  },
  /** Agroal. */
  AGROAL("agroal", "Agroal") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.AGROAL, s, Duration.ZERO, Duration.ZERO);
    }
  },
  /** Vibur DBCP. */
  VIBUR("vibur", "Vibur") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.VIBUR, s, Duration.ZERO, Duration.ZERO);
    }
  },
  /** Apache Commons DBCP2. */
  DBCP2("dbcp2", "DBCP2") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.DBCP2, s, Duration.ZERO, Duration.ZERO);
    }
  },
  /**
   * DBCP2 with its leak answer on: connections held longer than 1 s are "abandoned" and reclaimed
   * when a borrow finds the pool nearly exhausted (removeAbandonedOnBorrow). For the leak storm.
   */
  DBCP2_ABANDONED("dbcp2-abandoned", "DBCP2, removeAbandoned") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.DBCP2, s, Duration.ZERO, ABANDON_AFTER);
    }
  },
  /** Tomcat JDBC. */
  TOMCAT("tomcat", "Tomcat JDBC") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.TOMCAT_JDBC, s, Duration.ZERO, Duration.ZERO);
    }
  },
  /**
   * Tomcat JDBC with its leak answer on: connections held longer than 1 s are abandoned and
   * reclaimed (removeAbandoned). For the leak storm.
   */
  TOMCAT_ABANDONED("tomcat-abandoned", "Tomcat JDBC, removeAbandoned") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.TOMCAT_JDBC, s, Duration.ZERO, ABANDON_AFTER);
    }
  },
  /** c3p0. */
  C3P0("c3p0", "c3p0") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.C3P0, s, Duration.ZERO, Duration.ZERO);
    }
  },
  /**
   * c3p0 with its leak answer on: connections held longer than 1 s are destroyed and replaced
   * (unreturnedConnectionTimeout). For the leak storm.
   */
  C3P0_UNRETURNED("c3p0-unreturned", "c3p0, unreturned timeout") {
    @Override
    BenchPool open(PoolSettings s) throws SQLException {
      return peer(Peer.C3P0, s, Duration.ZERO, ABANDON_AFTER);
    }
  };

  /** When the peers' leak answers take a held connection back, in the leak storm. */
  private static final Duration ABANDON_AFTER = Duration.ofSeconds(1);

  private final String param;
  private final String label;

  PoolKind(String param, String label) {
    this.param = param;
    this.label = label;
  }

  /**
   * Returns the name a report shows for this pool.
   *
   * @return for example {@code "HikariCP, leak detection"}
   */
  public String label() {
    return label;
  }

  /**
   * Returns whether this is one of Leakproof's own configurations (as opposed to a peer).
   *
   * @return whether the pool is Leakproof
   */
  public boolean isLeakproof() {
    return param.startsWith("leakproof");
  }

  /**
   * Returns the value a benchmark's {@code pool} parameter uses for this pool.
   *
   * @return for example {@code "hikari-leak"}
   */
  public String param() {
    return param;
  }

  /**
   * Opens this pool over the stub driver and waits until it is ready to lend.
   *
   * @param settings size and timeout
   * @return the open pool
   * @throws SQLException if the pool fails to start
   */
  abstract BenchPool open(PoolSettings settings) throws SQLException;

  /**
   * Finds a pool by its parameter value.
   *
   * @param param a {@link #param()} value
   * @return the pool
   * @throws IllegalArgumentException if no pool has that value; the message lists them
   */
  public static PoolKind of(String param) {
    for (PoolKind k : values()) {
      if (k.param.equals(param.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "pool must be one of "
            + Arrays.stream(values()).map(PoolKind::param).toList()
            + " but was "
            + param);
  }

  /**
   * Opens the pool named by a benchmark parameter.
   *
   * @param param a {@link #param()} value
   * @param settings size and timeout
   * @return the open pool
   * @throws SQLException if the pool fails to start
   */
  public static BenchPool open(String param, PoolSettings settings) throws SQLException {
    PoolKind kind = of(param);
    int before = StubDriver.openConnections();
    BenchPool pool = kind.open(settings);
    try {
      pool.cycle(); // pools that start lazily start now
      awaitFilled(before + settings.size());
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  /** How long {@link #open(String, PoolSettings)} waits for a pool to open all its connections. */
  private static final Duration FILL_WAIT = Duration.ofSeconds(5);

  /**
   * Waits (bounded, best effort) until the stub driver counts this many open connections, so that
   * no pool is measured while it still fills itself in the background.
   */
  private static void awaitFilled(int open) {
    long deadline = System.nanoTime() + FILL_WAIT.toNanos();
    while (StubDriver.openConnections() < open && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static BenchPool hikari(PoolSettings s, Duration leakDetectionThreshold)
      throws SQLException {
    return peer(Peer.HIKARICP, s, leakDetectionThreshold, Duration.ZERO);
  }

  /**
   * Opens a peer through the comparison module: fixed-size (min = max = initial), over the stub
   * driver (HikariCP and Vibur take the stub data source directly), the given leak handling.
   */
  private static BenchPool peer(Peer peer, PoolSettings s, Duration leakReport, Duration abandon)
      throws SQLException {
    PeerPool pool =
        peer.open(
            PeerSettings.of("bench", StubDriver.URL, s.size())
                .withSource(StubDriver.class, new StubDataSource())
                .withMinIdle(s.size())
                .withAcquireTimeout(s.acquireTimeout())
                .withLeakHandling(leakReport, abandon));
    return new DataSourcePool(pool.dataSource(), pool);
  }
}
