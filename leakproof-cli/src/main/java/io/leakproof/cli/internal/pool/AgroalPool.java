package io.leakproof.cli.internal.pool;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.AgroalDataSourceMetrics;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.comparison.Peer;
import io.leakproof.comparison.Peers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Agroal as a user would configure it for this comparison: the same maximum size and acquire
 * timeout ({@code acquisitionTimeout}), leak detection on ({@code leakTimeout}), metrics on (for
 * the gauges), minimum size 0. Agroal reports a connection held and unused past the leak timeout,
 * through its listener, and never takes it back.
 *
 * <p>Agroal's listener tells which connection leaked and which thread holds it, but not where it
 * was acquired, so this adapter notes the borrower's frame in {@code onConnectionAcquire} (called
 * on the acquiring thread) and looks it up when the leak is reported. That costs a short stack
 * walk per borrow, which Agroal itself does not pay; it is the price of a call-site column.
 */
final class AgroalPool implements PoolUnderTest {
  private final AgroalDataSource ds;
  private final LeakLedger ledger = new LeakLedger();
  private final String leakPolicy;

  private AgroalPool(PoolSpec spec) throws SQLException {
    Listener listener = new Listener(ledger);
    ds =
        Peers.agroal(
            spec.peerSettings()
                .withMetrics(true)
                .withLeakHandling(spec.leakThreshold(), Duration.ZERO),
            listener);
    leakPolicy =
        "reports a connection held and unused > "
            + Fmt.duration(spec.leakThreshold())
            + " (leakTimeout); never takes it back";
  }

  /**
   * Opens an Agroal pool.
   *
   * @param spec the settings
   * @return the pool
   * @throws SQLException if Agroal rejects the configuration
   */
  static PoolUnderTest open(PoolSpec spec) throws SQLException {
    return new AgroalPool(spec);
  }

  @Override
  public String title() {
    return Peer.AGROAL.title();
  }

  @Override
  public String leakPolicy() {
    return leakPolicy;
  }

  @Override
  public DataSource dataSource() {
    return ds;
  }

  @Override
  public PoolGauges gauges() {
    AgroalDataSourceMetrics m = ds.getMetrics();
    int active = (int) m.activeCount();
    int idle = (int) m.availableCount();
    return new PoolGauges(active, idle, (int) m.awaitingCount(), active + idle);
  }

  @Override
  public LeakSummary leaks() {
    return ledger.summary();
  }

  @Override
  public boolean isAcquireTimeout(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("acquisition timeout");
  }

  @Override
  public void close() {
    ds.close();
  }

  /** Notes call sites on acquire, counts each leaked lease once. */
  private static final class Listener implements AgroalDataSourceListener {
    private final LeakLedger ledger;
    private final Map<Connection, String> sites =
        Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<Connection> reported = ConcurrentHashMap.newKeySet();

    Listener(LeakLedger ledger) {
      this.ledger = ledger;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
      String site = UserFrames.current();
      if (site != null) {
        sites.put(connection, site);
      }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
      sites.remove(connection);
      reported.remove(connection);
    }

    @Override
    public void onConnectionLeak(Connection connection, Thread thread) {
      // Agroal's leak task reports a leaked connection again on every pass; count it once.
      if (reported.add(connection)) {
        ledger.report(sites.get(connection), false);
      }
    }
  }
}
