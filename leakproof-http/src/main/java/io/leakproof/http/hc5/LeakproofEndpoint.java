package io.leakproof.http.hc5;

import io.leakproof.http.internal.Ticket;
import java.io.IOException;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The endpoint handed to HttpClient's exec chain: the client's own endpoint plus the ticket. The
 * exec chain keeps it until the response entity is closed or fully consumed, and nothing of
 * Leakproof's keeps it, so a response dropped without close makes it and its ticket unreachable.
 *
 * <p>Implementation notes: the exec chain uses an endpoint from one thread at a time; the fields
 * are volatile only so that a release seen by the manager is seen by a late reader.
 */
final class LeakproofEndpoint extends ConnectionEndpoint {
  private volatile ConnectionEndpoint inner; // null once released
  private volatile Ticket ticket;

  LeakproofEndpoint(ConnectionEndpoint inner, Ticket ticket) {
    this.inner = inner;
    this.ticket = ticket;
  }

  /** Takes the client's endpoint back, at most once; the ticket stays until {@link #release}. */
  ConnectionEndpoint detach() {
    ConnectionEndpoint e = inner;
    inner = null;
    return e;
  }

  /** Whether the permit is still held (not reclaimed past maxHoldTime or at shutdown). */
  boolean holdsPermit() {
    Ticket t = ticket;
    return t != null && t.isActive();
  }

  /** Gives the permits back, at most once. */
  void release() {
    Ticket t = ticket;
    ticket = null;
    if (t != null) {
      t.release();
    }
  }

  /** The client's endpoint while not released, or {@code null}. */
  ConnectionEndpoint detachedView() {
    return inner;
  }

  private ConnectionEndpoint inner() {
    ConnectionEndpoint e = inner;
    if (e == null) {
      throw new IllegalStateException("Endpoint already released to the connection manager");
    }
    if (reclaimed()) {
      throw new IllegalStateException(
          "Leakproof reclaimed this connection (held past maxHoldTime, or the client closed);"
              + " it was closed and is no longer usable");
    }
    return e;
  }

  /** Whether the pool ended the lease under the holder (maxHoldTime, shutdown). */
  private boolean reclaimed() {
    Ticket t = ticket;
    return t != null && !t.isActive();
  }

  /** HttpClient's abstract (deprecated) variant; delegated as is. */
  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public ClassicHttpResponse execute(
      String id, ClassicHttpRequest request, HttpRequestExecutor executor, HttpContext context)
      throws IOException, HttpException {
    return inner().execute(id, request, executor, context);
  }

  @Override
  public ClassicHttpResponse execute(
      String id, ClassicHttpRequest request, RequestExecutor executor, HttpContext context)
      throws IOException, HttpException {
    return inner().execute(id, request, executor, context);
  }

  @Override
  public boolean isConnected() {
    ConnectionEndpoint e = inner;
    return e != null && !reclaimed() && e.isConnected();
  }

  @Override
  public void setSocketTimeout(Timeout timeout) {
    inner().setSocketTimeout(timeout);
  }

  @Override
  public EndpointInfo getInfo() {
    ConnectionEndpoint e = inner;
    return e == null || reclaimed() ? null : e.getInfo();
  }

  @Override
  public void close(CloseMode closeMode) {
    ConnectionEndpoint e = inner;
    if (e != null && !reclaimed()) {
      e.close(closeMode);
    }
  }

  @Override
  public void close() throws IOException {
    ConnectionEndpoint e = inner;
    if (e != null && !reclaimed()) {
      e.close();
    }
  }

  @Override
  public String toString() {
    return "LeakproofEndpoint{" + inner + "}";
  }
}
