package io.leakproof.http.jdk;

import io.leakproof.http.internal.Ticket;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that holds the request's ticket: closing it, or reading it to the end, gives the
 * permit back. Dropped unclosed, it and its ticket become unreachable and the engine reclaims the
 * permit, closing the client's stream (and with it the connection).
 *
 * <p>Implementation notes: used by one reader thread at a time like any InputStream; the ticket's
 * release is idempotent, so close racing the end of the stream is harmless.
 */
final class TrackedInputStream extends FilterInputStream {
  private final Ticket ticket;

  TrackedInputStream(InputStream in, Ticket ticket) {
    super(in);
    this.ticket = ticket;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      ticket.release();
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n < 0) {
      ticket.release();
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      ticket.release();
    }
  }
}
