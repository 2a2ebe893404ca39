/**
 * Leakproof HTTP: connection bounds per route and in total, unclosed response bodies proven
 * leaked and reclaimed, timeouts that name the holders, for Apache HttpClient 5, OkHttp and
 * {@code java.net.http}. Each client is optional ({@code requires static}); use the adapter
 * package of the one you have.
 */
@SuppressWarnings("requires-automatic")
module io.leakproof.http {
  requires transitive io.leakproof.core;
  // Optional: a reader requires the client it uses itself (static transitive would make every
  // reader need every client at compile time).
  requires static java.net.http;
  requires static org.apache.httpcomponents.client5.httpclient5;
  requires static org.apache.httpcomponents.core5.httpcore5;
  requires static okhttp3;
  requires static okio;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.http;
  exports io.leakproof.http.hc5;
  exports io.leakproof.http.jdk;
  exports io.leakproof.http.okhttp;
}
