package io.leakproof.http.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection's worth of a route's capacity: the resource the engine pools for HTTP. While
 * leased it is bound to what must be closed if the lease is reclaimed (the client's connection
 * endpoint or response body), so a reclaimed leak closes the underlying connection.
 *
 * <p>Implementation notes: {@link #bind} and {@link #unbind} run on the borrower's thread, the
 * engine's destroy on its own threads; the atomic reference hands the closeable between them, and
 * {@link #unbind} takes it at most once.
 */
public final class Permit {
  private final AtomicReference<AutoCloseable> bound = new AtomicReference<>();

  Permit() {}

  /**
   * Binds the permit to what holds the connection now.
   *
   * @param closeable closed (its stream state unknown) if the lease is reclaimed
   */
  public void bind(AutoCloseable closeable) {
    bound.set(closeable);
  }

  /**
   * Unbinds the permit, returning what was bound (at most once).
   *
   * @return the bound closeable, or {@code null}
   */
  public AutoCloseable unbind() {
    return bound.getAndSet(null);
  }
}
