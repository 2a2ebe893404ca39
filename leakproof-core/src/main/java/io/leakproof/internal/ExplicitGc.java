package io.leakproof.internal;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Whether {@code System.gc()} does anything in this JVM. With {@code -XX:+DisableExplicitGC} (a
 * flag old tuning guides still recommend) the collections a pool asks for when it is exhausted or
 * a lease passes the leak-warning threshold never happen, and a leaked handle is proven only when
 * the JVM collects on its own: the pool says so once when it opens.
 *
 * <p>Implementation notes: the flag is read through the platform MBean server's HotSpot
 * diagnostic bean, so only {@code java.management} is needed; a JVM without that bean (not
 * HotSpot) is assumed to honour {@code System.gc()}. Read once per JVM, on the first pool that
 * asks.
 */
final class ExplicitGc {
  private static final String FLAG = "DisableExplicitGC";

  private ExplicitGc() {}

  private static final class Holder {
    static final boolean DISABLED = readFlag();
  }

  /** Returns true if this JVM ignores {@code System.gc()}. */
  static boolean disabled() {
    return Holder.DISABLED;
  }

  private static boolean readFlag() {
    try {
      Object option =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                  "getVMOption",
                  new Object[] {FLAG},
                  new String[] {String.class.getName()});
      return option instanceof CompositeData data && "true".equals(String.valueOf(data.get("value")));
    } catch (Exception | LinkageError notHotSpot) {
      return false;
    }
  }

  /** The warning a pool logs when it would ask for collections that will not happen. */
  static String warning(String poolName) {
    return "Pool '"
        + poolName
        + "': the JVM runs with -XX:+"
        + FLAG
        + ", so the collections this pool asks for (when it is exhausted, or a lease passes"
        + " leakWarningThreshold) do nothing: a leaked connection is proven and reclaimed only"
        + " when the JVM collects on its own, and an exhausted pool can time callers out until"
        + " then. Remove -XX:+"
        + FLAG
        + " (add -XX:+ExplicitGCInvokesConcurrent if full collections are the worry), or set"
        + " gcOnExhaustion to 0 to silence this warning.";
  }
}
