package io.leakproof.http.internal;

import io.leakproof.spi.ResourceFactory;
import java.time.Duration;

/**
 * Creates permits (no I/O: the client connects when it needs a connection) and, on destroy,
 * closes whatever the permit is still bound to: the connection of a reclaimed leak.
 */
final class PermitFactory implements ResourceFactory<Permit> {
  private final String route;

  PermitFactory(String route) {
    this.route = route;
  }

  @Override
  public Permit create(Duration timeout) {
    return new Permit();
  }

  @Override
  public void destroy(Permit permit) throws Exception {
    AutoCloseable bound = permit.unbind();
    if (bound != null) {
      bound.close();
    }
  }

  @Override
  public String describe(Permit permit) {
    return "connection permit to " + route;
  }

  @Override
  public String resourceKind() {
    return "connection";
  }
}
