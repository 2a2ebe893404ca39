package example.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Application code: each method is a call site the leak reports must name. The leaking methods
 * drop their response without closing it, the way a forgotten {@code close()} does.
 */
public final class Borrowers {
  private Borrowers() {}

  /** Reads and closes: a well-behaved request. */
  public static int hc5Get(CloseableHttpClient client, URI uri) throws IOException {
    try (ClassicHttpResponse response = client.executeOpen(null, new HttpGet(uri), null)) {
      EntityUtils.consume(response.getEntity());
      return response.getCode();
    }
  }

  /** Executes and drops the response unread and unclosed. */
  @SuppressWarnings("MustBeClosedChecker")
  public static int hc5Leak(CloseableHttpClient client, URI uri) throws IOException {
    ClassicHttpResponse response = client.executeOpen(null, new HttpGet(uri), null);
    return response.getCode();
  }

  /** Executes and returns the open response (the caller holds it). */
  public static ClassicHttpResponse hc5Hold(CloseableHttpClient client, URI uri)
      throws IOException {
    return client.executeOpen(null, new HttpGet(uri), null);
  }

  /** Reads the body to the end and closes it. */
  public static int jdkGet(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      in.readAllBytes();
    }
    return r.statusCode();
  }

  /** Sends and drops the streamed body unread and unclosed. */
  public static int jdkLeak(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    return r.statusCode();
  }

  /** Sends and returns the open streamed response (the caller holds it). */
  public static HttpResponse<InputStream> jdkHold(HttpClient client, URI uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Reads and closes. */
  public static int okGet(OkHttpClient client, URI uri) throws IOException {
    try (Response r = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
      r.body().bytes();
      return r.code();
    }
  }

  /** Executes and drops the response unread and unclosed. */
  @SuppressWarnings("MustBeClosedChecker")
  public static int okLeak(OkHttpClient client, URI uri) throws IOException {
    Response r = client.newCall(new Request.Builder().url(uri.toString()).build()).execute();
    return r.code();
  }
}
