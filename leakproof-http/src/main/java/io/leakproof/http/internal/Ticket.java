package io.leakproof.http.internal;

import io.leakproof.Lease;

/**
 * The right to use one connection to one route: the route's lease and, when a total bound is
 * set, a lease of the total pool. Whoever holds the response body holds the ticket strongly and
 * nothing else does, so a body dropped without close makes both leases unreachable and the
 * engine reclaims them.
 */
public final class Ticket {
  private final Lease<Permit> route;
  private final Lease<Permit> total; // null without a total bound

  Ticket(Lease<Permit> route, Lease<Permit> total) {
    this.route = route;
    this.total = total;
  }

  /**
   * Binds the ticket to what must be closed if its lease is reclaimed as leaked.
   *
   * @param closeable the endpoint or body holding the connection
   */
  public void bind(AutoCloseable closeable) {
    if (route.isActive()) {
      try {
        route.get().bind(closeable);
      } catch (io.leakproof.LeaseEndedException e) {
        // reclaimed (maxHoldTime) in between: the caller's next use of the body fails anyway
      }
    }
  }

  /** Gives the permits back: the connection is reusable or already in the client's own hands. */
  public void release() {
    unbind();
    route.close();
    if (total != null) {
      total.close();
    }
  }

  /**
   * Returns whether the route lease is still active (not released and not reclaimed).
   *
   * @return whether the ticket still holds its permit
   */
  public boolean isActive() {
    return route.isActive();
  }

  private void unbind() {
    if (route.isActive()) {
      try {
        route.get().unbind();
      } catch (io.leakproof.LeaseEndedException e) {
        // already reclaimed: the pool closed what was bound
      }
    }
  }
}
