/**
 * Leakproof HTTP: connection bounds per route and in total, unclosed response bodies proven
 * leaked and reclaimed, timeouts that name the holders, for Apache HttpClient 5, OkHttp and
 * {@code java.net.http}. Each client is optional ({@code requires static}); use the adapter
 * package of the one you have.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.leakproof.http {
  requires transitive io.leakproof.core;
  requires static transitive java.net.http;
  requires static transitive org.apache.httpcomponents.client5.httpclient5;
  requires static transitive org.apache.httpcomponents.core5.httpcore5;
  requires static transitive okhttp3;
  requires static transitive okio;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.http;
  exports io.leakproof.http.hc5;
  exports io.leakproof.http.jdk;
  exports io.leakproof.http.okhttp;
}
