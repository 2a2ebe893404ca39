package io.leakproof.http.okhttp;

import io.leakproof.http.internal.Ticket;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body that holds the call's ticket: closing the body or its source, or reading it to
 * the end, gives the permit back ({@code string()}, {@code bytes()} and {@code Response.close()}
 * all do). Dropped unclosed, the engine proves the leak and closes the client's body, which
 * releases or closes OkHttp's connection.
 *
 * <p>Implementation notes: used by one reader at a time like any body; the source is made once
 * and the ticket's release is idempotent.
 */
final class TrackedBody extends ResponseBody {
  private final ResponseBody body;
  private final BufferedSource source;

  TrackedBody(ResponseBody body, Ticket ticket) {
    this.body = body;
    this.source =
        Okio.buffer(
            new ForwardingSource(body.source()) {
              @Override
              public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
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
            });
  }

  @Override
  public MediaType contentType() {
    return body.contentType();
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public BufferedSource source() {
    return source;
  }
}
