package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("MustBeClosedChecker")
class QuickLeakTest {
  @Test
  void leakedHandlesAreReclaimedAfterGcAndFifoHolds() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    RecordingListener rec = new RecordingListener();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            PoolConfig.builder()
                .name("leaky")
                .maxSize(2)
                .callSiteCapture(CallSiteCapture.ALL)
                .acquireTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofMillis(100))
                .listener(rec)
                .build(),
            f)) {
      Borrowers.leakOne(pool);
      Borrowers.leakOne(pool);
      long t0 = System.nanoTime();
      // Pool exhausted by two leaks: this must succeed via GC-on-exhaustion.
      Borrowers.borrowAndReturn(pool);
      System.out.println("gc requests " + ((io.leakproof.internal.RealPool<?>) pool).gcRequests());
      System.out.println("recovered in " + (System.nanoTime() - t0) / 1e6 + " ms");
      List<PoolEvent.Leak> leaks =
          rec.await(PoolEvent.Leak.class, e -> e.signal() == LeakSignal.ABANDONED, 2, Duration.ofSeconds(5));
      for (PoolEvent.Leak l : leaks) {
        System.out.println(l.message());
        assertThat(l.lease().callSite().toString()).isEqualTo("example.app.Borrowers.leakOne(Borrowers.java:16)");
      }
      System.out.println(pool.dump().toText());

      // FIFO
      Lease<FakeResourceFactory.Resource> a = Borrowers.hold(pool);
      Lease<FakeResourceFactory.Resource> b = Borrowers.hold(pool);
      List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int id = i;
        Thread t = Thread.ofVirtual().start(() -> {
          try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
            l.get();
            order.add(id);
          }
        });
        threads.add(t);
        while (pool.stats().waiting() < i + 1) {
          Thread.onSpinWait();
        }
      }
      a.close();
      b.close();
      for (Thread t : threads) {
        t.join();
      }
      System.out.println(order);
      assertThat(order).isSorted();
    }
  }
}
