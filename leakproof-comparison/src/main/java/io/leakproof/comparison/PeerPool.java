package io.leakproof.comparison;

import javax.sql.DataSource;

/**
 * An open peer pool: what to borrow from and how to shut it down.
 *
 * @param peer which pool
 * @param dataSource the pool's own data source (its own type: {@code HikariDataSource}, …)
 * @param closer shuts the pool down
 */
public record PeerPool(Peer peer, DataSource dataSource, Closer closer) implements AutoCloseable {

  /** Shuts a pool down. */
  @FunctionalInterface
  public interface Closer {
    /**
     * Shuts the pool down.
     *
     * @throws Exception what the pool's own shutdown throws
     */
    @SuppressWarnings("InterruptedExceptionSwallowed") // a pool's close may declare Exception
    void close() throws Exception;
  }

  /**
   * Shuts the pool down; it may take up to the pool's own shutdown timeout.
   *
   * @throws IllegalStateException if the pool's shutdown failed (the cause says why)
   */
  @Override
  public void close() {
    try {
      closer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing " + peer.product(), e);
    } catch (Exception e) {
      throw new IllegalStateException("closing " + peer.product() + " failed: " + e, e);
    }
  }
}
