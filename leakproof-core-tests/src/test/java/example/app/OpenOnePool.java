package example.app;

import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.spi.ResourceFactory;
import java.time.Duration;

/**
 * Opens and closes one pool, then prints "done": run in a child JVM by {@code
 * ExplicitGcWarningTest} to see what the pool logs under a given set of JVM options.
 */
public final class OpenOnePool {
  private OpenOnePool() {}

  /**
   * Runs the program.
   *
   * @param args the pool's name, and its {@code gcOnExhaustion} in milliseconds
   */
  public static void main(String[] args) {
    ResourceFactory<Object> objects =
        new ResourceFactory<>() {
          @Override
          public Object create(Duration timeout) {
            return new Object();
          }

          @Override
          public void destroy(Object resource) {}
        };
    PoolConfig config =
        PoolConfig.builder()
            .name(args[0])
            .maxSize(1)
            .gcOnExhaustion(Duration.ofMillis(Long.parseLong(args[1])))
            .build();
    try (Pool<Object> pool = Pool.open(config, objects)) {
      System.out.println("opened " + pool.stats().gauges());
    }
    System.out.println("done");
  }
}
