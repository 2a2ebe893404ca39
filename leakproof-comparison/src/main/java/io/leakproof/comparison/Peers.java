package io.leakproof.comparison;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.beans.PropertyVetoException;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * Opens each peer pool from {@link PeerSettings}, returning the pool's own type so that a caller
 * can read its gauges or hook its leak signals; {@link Peer#open} is the same for callers that only
 * borrow. Each method maps the settings to the pool's own knobs and leaves the rest at its
 * defaults; where a pool would silently rewrite a value it cannot take, the mapping says so.
 *
 * <p>Each pool's mapping lives in its own nested class, so that the JVM loads (and verifies) only
 * the pools a caller opens: the pools are optional dependencies.
 */
@SuppressWarnings("exports") // the pools are optional: see module-info
public final class Peers {
  /** HikariCP replaces a connectionTimeout below 250 ms with its 30 s default; this keeps 250. */
  static final Duration HIKARI_MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  private Peers() {}

  /**
   * Opens HikariCP: {@code maximumPoolSize}, {@code connectionTimeout}, {@code
   * leakDetectionThreshold}; {@code minimumIdle} stays at its default (= the maximum), MBeans off.
   * HikariCP connects once at start.
   *
   * @param s the settings
   * @return the pool
   * @throws RuntimeException what HikariCP throws when it cannot start
   */
  public static HikariDataSource hikari(PeerSettings s) {
    return HikariCp.open(s);
  }

  /**
   * Opens Agroal: {@code maxSize}, {@code minSize} = {@code initialSize} = minIdle, {@code
   * acquisitionTimeout}, {@code leakTimeout}, {@code metricsEnabled}.
   *
   * @param s the settings
   * @param listeners Agroal listeners (its leak signal), or none
   * @return the pool
   * @throws SQLException if Agroal rejects the configuration
   */
  public static AgroalDataSource agroal(PeerSettings s, AgroalDataSourceListener... listeners)
      throws SQLException {
    return Agroal.open(s, listeners);
  }

  /**
   * Opens Vibur DBCP, started: {@code poolMaxSize}, {@code poolInitialSize} = minIdle, {@code
   * connectionTimeoutInMs}. Vibur has no leak report or reclaim to switch on.
   *
   * @param s the settings
   * @return the started pool
   * @throws IllegalArgumentException if neither a data source nor a user is given
   * @throws RuntimeException what Vibur throws when it cannot start
   */
  public static ViburDBCPDataSource vibur(PeerSettings s) {
    return Vibur.open(s);
  }

  /**
   * Opens DBCP2: {@code maxTotal} = {@code maxIdle} = the maximum, {@code minIdle} = {@code
   * initialSize} = minIdle, {@code maxWait}; with abandonAfter, {@code removeAbandonedOnBorrow} and
   * {@code removeAbandonedTimeout}. DBCP2 connects at the first borrow; a caller may set more (its
   * abandoned-log writer, maintenance) before then.
   *
   * @param s the settings
   * @return the pool
   */
  public static BasicDataSource dbcp2(PeerSettings s) {
    return Dbcp2.open(s);
  }

  /**
   * Opens Tomcat JDBC: {@code maxActive} = {@code maxIdle} = the maximum, {@code minIdle} = {@code
   * initialSize} = minIdle, {@code maxWait}; with abandonAfter, {@code removeAbandoned} and {@code
   * removeAbandonedTimeout} (whole seconds).
   *
   * @param s the settings
   * @return the pool
   * @throws IllegalArgumentException if abandonAfter is not whole seconds
   */
  public static org.apache.tomcat.jdbc.pool.DataSource tomcat(PeerSettings s) {
    return TomcatJdbc.open(s);
  }

  /**
   * Opens c3p0: {@code maxPoolSize}, {@code minPoolSize} = {@code initialPoolSize} = minIdle,
   * {@code checkoutTimeout}; with abandonAfter, {@code unreturnedConnectionTimeout} (whole
   * seconds).
   *
   * @param s the settings
   * @return the pool
   * @throws SQLException if c3p0 refuses the driver class
   * @throws IllegalArgumentException if abandonAfter is not whole seconds
   */
  public static ComboPooledDataSource c3p0(PeerSettings s) throws SQLException {
    return C3p0.open(s);
  }

  /** Opens a pool for {@link Peer#open}: each case touches only its own pool's classes. */
  static PeerPool open(Peer peer, PeerSettings s) throws SQLException {
    return switch (peer) {
      case HIKARICP -> HikariCp.pool(s);
      case AGROAL -> Agroal.pool(s);
      case VIBUR -> Vibur.pool(s);
      case DBCP2 -> Dbcp2.pool(s);
      case TOMCAT_JDBC -> TomcatJdbc.pool(s);
      case C3P0 -> C3p0.pool(s);
    };
  }

  private static final class HikariCp {
    private HikariCp() {}

    static PeerPool pool(PeerSettings s) {
      var ds = open(s);
      return new PeerPool(Peer.HIKARICP, ds, ds::close);
    }

    static HikariDataSource open(PeerSettings s) {
      HikariConfig config = new HikariConfig();
      config.setPoolName(s.poolName());
      if (s.dataSource() != null) {
        config.setDataSource(s.dataSource());
      } else {
        config.setJdbcUrl(s.jdbcUrl());
        if (s.driverClass() != null) {
          config.setDriverClassName(s.driverClass().getName());
        }
      }
      if (s.user() != null) {
        config.setUsername(s.user());
      }
      if (s.password() != null) {
        config.setPassword(s.password());
      }
      config.setMaximumPoolSize(s.maxSize());
      config.setMinimumIdle(s.maxSize());
      config.setConnectionTimeout(
          Math.max(HIKARI_MIN_CONNECTION_TIMEOUT.toMillis(), s.acquireTimeout().toMillis()));
      config.setLeakDetectionThreshold(s.leakReport().toMillis());
      config.setRegisterMbeans(false);
      return new HikariDataSource(config);
    }
  }

  private static final class Agroal {
    private Agroal() {}

    static PeerPool pool(PeerSettings s) throws SQLException {
      var ds = open(s);
      return new PeerPool(Peer.AGROAL, ds, ds::close);
    }

    static AgroalDataSource open(PeerSettings s, AgroalDataSourceListener... listeners)
        throws SQLException {
      AgroalDataSourceConfigurationSupplier config =
          new AgroalDataSourceConfigurationSupplier()
              .metricsEnabled(s.metrics())
              .connectionPoolConfiguration(
                  pool ->
                      pool.maxSize(s.maxSize())
                          .minSize(s.minIdle())
                          .initialSize(s.minIdle())
                          .acquisitionTimeout(s.acquireTimeout())
                          .leakTimeout(s.leakReport())
                          .connectionFactoryConfiguration(
                              factory -> {
                                factory.jdbcUrl(s.jdbcUrl());
                                if (s.driverClass() != null) {
                                  factory.connectionProviderClass(s.driverClass());
                                }
                                if (s.user() != null) {
                                  factory.principal(new NamePrincipal(s.user()));
                                }
                                if (s.password() != null) {
                                  factory.credential(new SimplePassword(s.password()));
                                }
                                return factory;
                              }));
      return AgroalDataSource.from(config, listeners);
    }
  }

  private static final class Vibur {
    private Vibur() {}

    static PeerPool pool(PeerSettings s) {
      var ds = open(s);
      return new PeerPool(Peer.VIBUR, ds, ds::terminate);
    }

    static ViburDBCPDataSource open(PeerSettings s) {
      ViburDBCPDataSource ds = new ViburDBCPDataSource();
      ds.setName(s.poolName());
      if (s.dataSource() != null) {
        ds.setExternalDataSource(s.dataSource());
      } else {
        if (s.user() == null) {
          // Vibur's own connector fails with a NullPointerException at start without a user.
          throw new IllegalArgumentException(
              "user must be set for Vibur over a jdbcUrl (Vibur cannot connect without one);"
                  + " set a user or give a dataSource");
        }
        ds.setJdbcUrl(s.jdbcUrl());
        if (s.driverClass() != null) {
          ds.setDriverClassName(s.driverClass().getName());
        }
      }
      if (s.user() != null) {
        ds.setUsername(s.user());
      }
      if (s.password() != null) {
        ds.setPassword(s.password());
      }
      ds.setPoolInitialSize(s.minIdle());
      ds.setPoolMaxSize(s.maxSize());
      ds.setConnectionTimeoutInMs(s.acquireTimeout().toMillis());
      ds.start();
      return ds;
    }
  }

  private static final class Dbcp2 {
    private Dbcp2() {}

    static PeerPool pool(PeerSettings s) {
      var ds = open(s);
      return new PeerPool(Peer.DBCP2, ds, ds::close);
    }

    static BasicDataSource open(PeerSettings s) {
      BasicDataSource ds = new BasicDataSource();
      if (s.driverClass() != null) {
        ds.setDriverClassName(s.driverClass().getName());
      }
      ds.setUrl(s.jdbcUrl());
      if (s.user() != null) {
        ds.setUsername(s.user());
      }
      if (s.password() != null) {
        ds.setPassword(s.password());
      }
      ds.setMaxTotal(s.maxSize());
      ds.setMaxIdle(s.maxSize());
      ds.setMinIdle(s.minIdle());
      ds.setInitialSize(s.minIdle());
      ds.setMaxWait(s.acquireTimeout());
      if (!s.abandonAfter().isZero()) {
        ds.setRemoveAbandonedOnBorrow(true);
        ds.setRemoveAbandonedTimeout(s.abandonAfter());
      }
      return ds;
    }
  }

  private static final class TomcatJdbc {
    private TomcatJdbc() {}

    static PeerPool pool(PeerSettings s) {
      var ds = open(s);
      return new PeerPool(Peer.TOMCAT_JDBC, ds, ds::close);
    }

    static org.apache.tomcat.jdbc.pool.DataSource open(PeerSettings s) {
      PoolProperties p = new PoolProperties();
      p.setName(s.poolName());
      p.setDriverClassName(s.driverClass() == null ? null : s.driverClass().getName());
      p.setUrl(s.jdbcUrl());
      if (s.user() != null) {
        p.setUsername(s.user());
      }
      if (s.password() != null) {
        p.setPassword(s.password());
      }
      p.setMaxActive(s.maxSize());
      p.setMaxIdle(s.maxSize());
      p.setMinIdle(s.minIdle());
      p.setInitialSize(s.minIdle());
      p.setMaxWait(Math.toIntExact(s.acquireTimeout().toMillis()));
      if (!s.abandonAfter().isZero()) {
        p.setRemoveAbandoned(true);
        p.setRemoveAbandonedTimeout(wholeSeconds(s.abandonAfter(), "Tomcat JDBC"));
      }
      return new org.apache.tomcat.jdbc.pool.DataSource(p);
    }
  }

  private static final class C3p0 {
    private C3p0() {}

    static PeerPool pool(PeerSettings s) throws SQLException {
      var ds = open(s);
      return new PeerPool(Peer.C3P0, ds, ds::close);
    }

    static ComboPooledDataSource open(PeerSettings s) throws SQLException {
      ComboPooledDataSource ds = new ComboPooledDataSource();
      if (s.driverClass() != null) {
        try {
          ds.setDriverClass(s.driverClass().getName());
        } catch (PropertyVetoException e) {
          throw new SQLException("c3p0 refused the driver " + s.driverClass().getName(), e);
        }
      }
      ds.setJdbcUrl(s.jdbcUrl());
      if (s.user() != null) {
        ds.setUser(s.user());
      }
      if (s.password() != null) {
        ds.setPassword(s.password());
      }
      ds.setMinPoolSize(s.minIdle());
      ds.setMaxPoolSize(s.maxSize());
      ds.setInitialPoolSize(s.minIdle());
      ds.setCheckoutTimeout(Math.toIntExact(s.acquireTimeout().toMillis()));
      ds.setUnreturnedConnectionTimeout(
          s.abandonAfter().isZero() ? 0 : wholeSeconds(s.abandonAfter(), "c3p0"));
      return ds;
    }
  }

  private static int wholeSeconds(Duration d, String pool) {
    if (d.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException(
          "abandonAfter must be whole seconds for " + pool + " but was " + d);
    }
    return Math.toIntExact(d.toSeconds());
  }
}
