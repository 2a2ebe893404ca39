package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SuppressWarnings("MustBeClosedChecker") // leases are held open on purpose
class SmokeTest {
  @Test
  void acquireReturnAndTimeout() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    RecordingListener rec = new RecordingListener();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            PoolConfig.builder()
                .name("smoke")
                .maxSize(2)
                .minIdle(0)
                .acquireTimeout(Duration.ofMillis(300))
                .validationTimeout(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofMillis(100))
                .listener(rec)
                .build(),
            f)) {
      Lease<FakeResourceFactory.Resource> a = pool.acquire();
      Lease<FakeResourceFactory.Resource> b = pool.acquire();
      assertThat(a.get()).isNotEqualTo(b.get());
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .hasMessageContaining("could not lend")
          .satisfies(e -> System.out.println(e.getMessage()));
      a.close();
      try (Lease<FakeResourceFactory.Resource> c = pool.acquire()) {
        assertThat(c.get()).isNotNull();
      }
      b.close();
      assertThatThrownBy(a::get).isInstanceOf(LeaseEndedException.class);
      System.out.println(pool.dump().toText());
      System.out.println(pool.dump().toJson());
      assertThat(f.peak()).isLessThanOrEqualTo(2);
    }
    assertThat(f.open()).isZero();
  }
}
