package example.readme;

import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.spi.ResourceFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The README's core-API example, kept compiling and running by {@code ReadmeExampleTest}. */
public final class RedisSockets {
  private RedisSockets() {}

  /** Pools TCP connections to the Redis server on localhost:6379 and sends one PING. */
  public static String ping() throws IOException {
    ResourceFactory<Socket> sockets =
        new ResourceFactory<>() {
          @Override
          public Socket create(Duration timeout) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6379), (int) timeout.toMillis());
            return s;
          }

          @Override
          public void destroy(Socket s) throws IOException {
            s.close();
          }

          @Override
          public String resourceKind() {
            return "Redis connection";
          }
        };

    PoolConfig config = PoolConfig.builder().name("redis").maxSize(4).build();
    try (Pool<Socket> pool = Pool.open(config, sockets);
        Lease<Socket> lease = pool.acquire()) {
      Socket socket = lease.get();
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.readNBytes(reply, 0, reply.length);
      System.out.println(pool.stats().gauges()); // maxSize 4: 1 leased, ...
      return new String(reply, 0, n, StandardCharsets.US_ASCII).trim(); // "+PONG"
    }
  }
}
