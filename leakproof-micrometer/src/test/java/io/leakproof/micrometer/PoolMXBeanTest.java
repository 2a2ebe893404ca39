package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import io.leakproof.CallSiteCapture;
import io.leakproof.CloseReason;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.PoolStats;
import io.leakproof.management.PoolMXBean;
import io.leakproof.management.PoolMXBeans;
import io.leakproof.spi.ResourceFactory;
import io.leakproof.testkit.FakeResourceFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** The pool's MXBean through the platform MBean server, as jconsole or an agent sees it. */
class PoolMXBeanTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  private static PoolConfig.Builder config(String name) {
    return PoolConfig.builder()
        .name(name)
        .maxSize(4)
        .minIdle(0)
        .callSiteCapture(CallSiteCapture.ALL)
        .acquireTimeout(Duration.ofSeconds(2))
        .shutdownTimeout(Duration.ofMillis(100))
        .logging(false);
  }

  @Test
  void attributesMatchTheStatsAndOpenTypesNeedNoLeakproofClasses() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(config("jmx-attrs").build(), new FakeResourceFactory());
        PoolMXBeans.Registration jmx = PoolMXBeans.register(pool)) {
      ObjectName name = new ObjectName("io.leakproof:type=Pool,name=jmx-attrs");
      assertThat(jmx.objectName()).isEqualTo(name.getCanonicalName());
      assertThat(server.isRegistered(name)).isTrue();
      Borrowers.borrowAndReturn(pool);
      Borrowers.borrowAndInvalidate(pool);
      try (Lease<FakeResourceFactory.Resource> held = Borrowers.hold(pool)) {
        held.get();
        // The invalidated connection closes on a pool worker: wait for it, so counts stay put.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pool.stats().closing() + pool.stats().connecting() > 0) {
          assertThat(System.nanoTime()).isLessThan(deadline);
          Thread.sleep(5);
        }
        PoolStats s = pool.stats();
        assertThat(server.getAttribute(name, "Name")).isEqualTo("jmx-attrs");
        assertThat(server.getAttribute(name, "Leased")).isEqualTo(1);
        assertThat(server.getAttribute(name, "MaxSize")).isEqualTo(4);
        assertThat(server.getAttribute(name, "Open")).isEqualTo(s.open());
        assertThat(server.getAttribute(name, "Acquired")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "Closed")).isEqualTo(false);
        assertThat(server.getAttribute(name, "AcquireTimeoutMillis")).isEqualTo(2000L);
        assertThat(server.getAttribute(name, "CallSiteCapture")).isEqualTo("ALL");

        TabularData closed = (TabularData) server.getAttribute(name, "ClosedByReason");
        CompositeData invalidated = closed.get(new Object[] {"invalidated"});
        assertThat(invalidated.get("value")).isEqualTo(1L);
        assertThat(closed.size()).isEqualTo(CloseReason.values().length);

        CompositeData[] sites = (CompositeData[]) server.getAttribute(name, "CallSites");
        assertThat(sites).hasSize(3);
        assertThat(sites)
            .anySatisfy(
                c -> {
                  assertThat((String) c.get("callSite")).startsWith("example.app.Borrowers.hold(");
                  assertThat(c.get("active")).isEqualTo(1L);
                });
      }
    }
  }

  @Test
  void operationsDumpResizeAndSoftEvict() throws Exception {
    Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config("jmx-ops").build(), new FakeResourceFactory());
    try (PoolMXBeans.Registration jmx = PoolMXBeans.register(pool)) {
      PoolMXBean bean =
          JMX.newMXBeanProxy(server, new ObjectName(jmx.objectName()), PoolMXBean.class);
      Borrowers.borrowAndReturn(pool);
      try (Lease<FakeResourceFactory.Resource> held = Borrowers.hold(pool)) {
        held.get();
        assertThat(bean.dumpText()).contains("Pool 'jmx-ops'").contains("example.app.Borrowers.hold(");
        Object json = MiniJson.parse(bean.dumpJson());
        assertThat(json).isInstanceOf(Map.class);
        assertThat(bean.callSiteTable())
            .contains("call site")
            .contains("example.app.Borrowers.borrowAndReturn(");
      }
      bean.resize(6);
      assertThat(bean.getMaxSize()).isEqualTo(6);
      assertThat(pool.stats().maxSize()).isEqualTo(6);
      bean.resize(1, 3);
      assertThat(bean.getMinIdle()).isEqualTo(1);
      assertThat(bean.getMaxSize()).isEqualTo(3);
      long evictedBefore = pool.stats().closed(CloseReason.EVICTED);
      assertThat(pool.stats().idle()).isPositive();
      bean.softEvict();
      // Idle connections close on the pool's workers: wait (bounded) for the count.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (pool.stats().closed(CloseReason.EVICTED) == evictedBefore) {
        assertThat(System.nanoTime()).as("evicted within 5 s").isLessThan(deadline);
        Thread.sleep(5);
      }

      // Failures arrive as JDK exceptions with the pool's message.
      assertThatThrownBy(() -> bean.resize(0))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be >= 1 but was 0");
      pool.close();
      assertThat(bean.isClosed()).isTrue();
      assertThatThrownBy(() -> bean.resize(5))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasNoCause();
      bean.softEvict(); // does nothing on a closed pool
    } finally {
      pool.close();
    }
  }

  @Test
  void registrationClosesIdempotentlyAndRefusesADuplicate() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config("jmx-dup").build(), new FakeResourceFactory())) {
      PoolMXBeans.Registration jmx = PoolMXBeans.register(pool);
      assertThatThrownBy(() -> PoolMXBeans.register(pool))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.leakproof:type=Pool,name=jmx-dup is already registered");
      jmx.close();
      jmx.close();
      assertThat(server.isRegistered(new ObjectName(jmx.objectName()))).isFalse();
      try (PoolMXBeans.Registration again = PoolMXBeans.register(pool)) {
        assertThat(server.isRegistered(new ObjectName(again.objectName()))).isTrue();
      }
    }
  }

  @Test
  void objectNameIsTheDomainTypeAndPoolName() throws Exception {
    assertThat(PoolMXBeans.objectName("orders-db.primary"))
        .isEqualTo("io.leakproof:type=Pool,name=orders-db.primary");
    assertThat(new ObjectName(PoolMXBeans.objectName("orders-db.primary")).getKeyProperty("name"))
        .isEqualTo("orders-db.primary");
  }

  /** A connection whose toString carries its password, as careless records do. */
  record SecretConnection(long id, String password) {}

  /** A factory whose resources hold a password; describe() leaves it out, as adapters must. */
  static final class SecretFactory implements ResourceFactory<SecretConnection> {
    private long ids;

    @Override
    public synchronized SecretConnection create(Duration timeout) {
      return new SecretConnection(++ids, "hunter2");
    }

    @Override
    public void destroy(SecretConnection resource) {}

    @Override
    public String describe(SecretConnection resource) {
      return "SecretConnection#" + resource.id();
    }
  }

  @Test
  void noAttributeOrOperationExposesThePassword() throws Exception {
    try (Pool<SecretConnection> pool =
            Pool.open(
                config("jmx-secret").captureStackTraces(true).build(), new SecretFactory());
        PoolMXBeans.Registration jmx = PoolMXBeans.register(pool)) {
      ObjectName name = new ObjectName(jmx.objectName());
      Borrowers.borrowAndReturn(pool);
      try (Lease<SecretConnection> held = Borrowers.hold(pool)) {
        assertThat(held.get().toString()).contains("hunter2"); // the secret is really there
        StringBuilder everything = new StringBuilder();
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
          assertThat(a.getName().toLowerCase(Locale.ROOT)).doesNotContain("password");
          everything.append(a.getName()).append('=').append(deepToString(server.getAttribute(name, a.getName())));
        }
        for (MBeanOperationInfo op : server.getMBeanInfo(name).getOperations()) {
          if (op.getSignature().length == 0 && !op.getName().equals("softEvict")) {
            everything.append(op.getName()).append('=').append(server.invoke(name, op.getName(), null, null));
          }
        }
        assertThat(everything.toString())
            .contains("example.app.Borrowers.hold(")
            .doesNotContain("hunter2");
      }
    }
  }

  private static String deepToString(Object v) {
    if (v instanceof Object[] a) {
      return java.util.Arrays.deepToString(a);
    }
    return String.valueOf(v);
  }
}
