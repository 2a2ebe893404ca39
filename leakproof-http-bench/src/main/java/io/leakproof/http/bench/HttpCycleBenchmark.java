package io.leakproof.http.bench;

import io.leakproof.PoolConfig;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.hc5.LeakproofConnectionManager;
import io.leakproof.http.jdk.LeakproofHttpClient;
import io.leakproof.http.okhttp.LeakproofInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request cycle (GET, read the 16-byte body, close) over a kept-alive connection to a local
 * Jetty server: each client bare and with Leakproof HTTP at the engine's default detection
 * (abandoned-body proof on, call sites sampled). The difference is Leakproof's cost per request.
 *
 * <pre>
 * java -jar leakproof-http-bench/target/http-benchmarks.jar HttpCycleBenchmark -f 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class HttpCycleBenchmark {
  private static final byte[] BODY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Which client. */
  @Param({"hc5", "jdk", "okhttp"})
  public String client;

  /** Bare, or with Leakproof HTTP in front. */
  @Param({"bare", "leakproof"})
  public String mode;

  private Server server;
  private URI uri;
  private CloseableHttpClient hc5;
  private LeakproofConnectionManager hc5Manager;
  private HttpClient jdk;
  private OkHttpClient ok;
  private LeakproofInterceptor okInterceptor;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Fixed());
    server.start();
    uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    boolean wrapped = mode.equals("leakproof");
    HttpPoolConfig config =
        HttpPoolConfig.builder()
            .perRoute(PoolConfig.builder().name("bench").maxSize(10).build())
            .build();
    switch (client) {
      case "hc5" -> {
        if (wrapped) {
          hc5Manager = LeakproofConnectionManager.create(config);
          hc5 = HttpClients.custom().setConnectionManager(hc5Manager).build();
        } else {
          hc5 =
              HttpClients.custom()
                  .setConnectionManager(
                      PoolingHttpClientConnectionManagerBuilder.create()
                          .setMaxConnPerRoute(10)
                          .setMaxConnTotal(10)
                          .build())
                  .build();
        }
      }
      case "jdk" -> {
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        jdk = wrapped ? LeakproofHttpClient.wrap(bare, config) : bare;
      }
      case "okhttp" -> {
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        if (wrapped) {
          okInterceptor = LeakproofInterceptor.create(config);
          b = okInterceptor.install(b);
        }
        ok = b.build();
      }
      default -> throw new IllegalArgumentException("client must be hc5, jdk or okhttp: " + client);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (hc5 != null) {
      hc5.close();
    }
    if (jdk != null) {
      jdk.close();
    }
    if (ok != null) {
      ok.dispatcher().executorService().shutdown();
      ok.connectionPool().evictAll();
    }
    if (okInterceptor != null) {
      okInterceptor.close();
    }
    server.stop();
  }

  @Benchmark
  public int requestCycle() throws IOException, InterruptedException {
    return switch (client) {
      case "hc5" -> {
        try (ClassicHttpResponse r = hc5.executeOpen(null, new HttpGet(uri), null)) {
          yield EntityUtils.toByteArray(r.getEntity()).length;
        }
      }
      case "jdk" -> {
        HttpResponse<InputStream> r =
            jdk.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          yield in.readAllBytes().length;
        }
      }
      default -> {
        try (okhttp3.Response r = ok.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
          yield r.body().bytes().length;
        }
      }
    };
  }

  /** 16 bytes for every request. */
  private static final class Fixed extends Handler.Abstract {
    @Override
    public boolean handle(
        org.eclipse.jetty.server.Request request, Response response, Callback callback) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
      response.write(true, ByteBuffer.wrap(BODY), callback);
      return true;
    }
  }
}
