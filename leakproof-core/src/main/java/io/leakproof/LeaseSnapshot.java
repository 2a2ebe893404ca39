package io.leakproof;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable picture of one lease: who holds it, for how long, and from where.
 *
 * @param poolName the pool
 * @param leaseId the lease number
 * @param resourceId the physical resource number
 * @param threadName the holder thread's name (virtual threads are often unnamed: see threadId)
 * @param threadId the holder thread's id
 * @param threadState the holder thread's state when the snapshot was taken
 * @param held how long the lease had been held
 * @param callSite where it was acquired, or {@code null} when not captured
 * @param stackTrace the acquisition stack, empty when not captured
 * @param tag the tag read at acquisition, or {@code null}
 */
public record LeaseSnapshot(
    String poolName,
    long leaseId,
    long resourceId,
    String threadName,
    long threadId,
    Thread.State threadState,
    Duration held,
    CallSite callSite,
    List<StackTraceElement> stackTrace,
    String tag) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if poolName, threadName, threadState, held or stackTrace is null
   */
  public LeaseSnapshot {
    java.util.Objects.requireNonNull(poolName, "poolName");
    java.util.Objects.requireNonNull(threadName, "threadName");
    java.util.Objects.requireNonNull(threadState, "threadState");
    java.util.Objects.requireNonNull(held, "held");
    stackTrace = List.copyOf(stackTrace);
  }

  static LeaseSnapshot of(LeaseInfo info, long nowNanos) {
    Thread t = info.holder();
    StackTraceElement[] stack = info.stackTrace();
    return new LeaseSnapshot(
        info.poolName(),
        info.leaseId(),
        info.resourceId(),
        t == null ? "?" : t.getName(),
        t == null ? -1 : t.threadId(),
        t == null ? Thread.State.TERMINATED : t.getState(),
        Duration.ofNanos(Math.max(0, nowNanos - info.acquiredAtNanos())),
        info.callSite(),
        stack == null ? List.of() : Arrays.asList(stack),
        info.tag());
  }

  /**
   * Describes the holder thread the way a thread dump names it.
   *
   * @return for example {@code "http-nio-8080-exec-7" #45} or {@code virtual #81}
   */
  public String threadDescription() {
    String name = threadName.isEmpty() ? "virtual" : "\"" + threadName + "\"";
    return name + " #" + threadId + (threadState == Thread.State.TERMINATED ? " (terminated)" : "");
  }
}
