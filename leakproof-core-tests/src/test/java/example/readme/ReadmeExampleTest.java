package example.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Runs the README's example against the local Redis server. */
class ReadmeExampleTest {

  static boolean redisAnswers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6379), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void readmeExamplePingsRedisThroughThePool() throws Exception {
    boolean required = "true".equals(System.getenv("LEAKPROOF_REQUIRE_DATABASES"));
    if (!required) {
      assumeTrue(redisAnswers(), "SKIPPED: Redis is not answering on localhost:6379 (start it, or set LEAKPROOF_REQUIRE_DATABASES=true to make this a failure)");
    }
    assertThat(RedisSockets.ping()).isEqualTo("+PONG");
  }
}
