package io.leakproof.cli.internal.pool;

/**
 * The leaks a pool reported for one call site.
 *
 * @param callSite the first frame outside the pool, the driver and the JDK where the leaked
 *     connection was acquired, for example {@code
 *     com.example.shop.OrderRepository.countOpenOrders(OrderRepository.java:41)}, or {@link
 *     #UNKNOWN}
 * @param reported leaks the pool reported at this call site
 * @param reclaimed leaks the pool took back (closed and replaced) at this call site
 */
public record LeakSite(String callSite, long reported, long reclaimed) {
  /** The call site of a leak whose acquisition stack the pool did not keep. */
  public static final String UNKNOWN = "<call site not captured>";
}
