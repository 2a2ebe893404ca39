package io.leakproof.management;

import io.leakproof.Pool;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers pools with the platform MBean server, one {@link PoolMXBean} each, under
 * {@code io.leakproof:type=Pool,name=<pool>}.
 *
 * <pre>{@code
 * Pool<Connection> pool = Pool.open(config, factory);
 * PoolMXBeans.Registration jmx = PoolMXBeans.register(pool);
 * ...
 * jmx.close();   // unregisters; closing the pool does not
 * pool.close();
 * }</pre>
 *
 * <p>A registration does not follow the pool's life: a closed pool stays visible (with
 * {@code Closed = true} and its final counters) until its registration is closed.
 */
public final class PoolMXBeans {
  /** The JMX domain of every Leakproof MBean. */
  public static final String DOMAIN = "io.leakproof";

  private PoolMXBeans() {}

  /**
   * Registers a pool's MXBean with the platform MBean server.
   *
   * @param pool the pool
   * @return the registration; close it to unregister
   * @throws NullPointerException if pool is null
   * @throws IllegalStateException if an MBean with the pool's object name is already registered
   *     (pool names must be unique among registered pools)
   */
  public static Registration register(Pool<?> pool) {
    Objects.requireNonNull(pool, "pool");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String name = objectName(pool.name());
    ObjectName on = parse(name);
    try {
      server.registerMBean(new ManagedPool(pool), on);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(
          "An MBean named "
              + name
              + " is already registered: pool names must be unique among registered pools;"
              + " close the other registration or rename the pool",
          e);
    } catch (JMException e) {
      throw new IllegalStateException("Could not register " + name + ": " + e.getMessage(), e);
    }
    return new Registration(server, on);
  }

  /**
   * Returns the object name a pool is registered under. Pool names (letters, digits, '.', '_',
   * '-'; see {@link io.leakproof.PoolConfig.Builder#name}) are valid object-name values as they
   * are, so the name is never quoted.
   *
   * @param poolName the pool's name
   * @return for example {@code io.leakproof:type=Pool,name=orders}
   * @throws NullPointerException if poolName is null
   */
  public static String objectName(String poolName) {
    Objects.requireNonNull(poolName, "poolName");
    return DOMAIN + ":type=Pool,name=" + poolName;
  }

  private static ObjectName parse(String name) {
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException("Pool name gives an invalid object name " + name, e);
    }
  }

  /** A registered MXBean; {@link #close()} unregisters it. Thread-safe and idempotent. */
  public static final class Registration implements AutoCloseable {
    private final MBeanServer server;
    private final ObjectName name;

    private Registration(MBeanServer server, ObjectName name) {
      this.server = server;
      this.name = name;
    }

    /**
     * Returns the object name the MXBean is registered under.
     *
     * @return the canonical object name
     */
    public String objectName() {
      return name.getCanonicalName();
    }

    /** Unregisters the MXBean. Later calls do nothing. */
    @Override
    public void close() {
      try {
        server.unregisterMBean(name);
      } catch (InstanceNotFoundException e) {
        // Already unregistered: close is idempotent.
      } catch (JMException e) {
        throw new IllegalStateException("Could not unregister " + name + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "PoolMXBeans.Registration{" + name + "}";
    }
  }
}
