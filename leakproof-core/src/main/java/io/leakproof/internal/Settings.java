package io.leakproof.internal;

import io.leakproof.CallSiteCapture;
import io.leakproof.PoolConfig;
import io.leakproof.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The settings one pool reads at run time, converted once from its {@link PoolConfig} to the
 * units the engine compares ({@code ...Nanos} on the pool's ticker). Immutable: the two settings
 * that {@code resize} changes live in {@link SlotTable}.
 */
// The system ticker is a singleton: compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
final class Settings {
  final String name;
  final String kind;
  final Ticker ticker;
  final boolean coarseClock;
  final long acquireTimeoutNanos;
  final long createTimeoutNanos;
  final long idleTimeoutNanos;
  final long maxLifetimeNanos;
  final double lifetimeJitter;
  final long keepaliveNanos;
  final long validateAfterIdleNanos;
  final Duration validationTimeout;
  final int maxConnecting;
  final int maxWaiting;
  final boolean detectAbandoned;
  final long slowAcquireNanos;
  final long shutdownTimeoutNanos;
  final CallSiteCapture capture;
  final int sampleRate;
  final Supplier<String> tagSupplier;
  /** The shortest of the timed rules (warning, hold limit, idle, keepalive, lifetime); MAX if none. */
  final long shortestIntervalNanos;

  Settings(PoolConfig c, String kind) {
    this.name = c.name();
    this.kind = kind;
    this.ticker = c.ticker();
    this.coarseClock = c.ticker() == Ticker.system();
    this.acquireTimeoutNanos = Durations.toNanos(c.acquireTimeout());
    this.createTimeoutNanos = Durations.toNanos(c.createTimeout());
    this.idleTimeoutNanos = Durations.toNanos(c.idleTimeout());
    this.maxLifetimeNanos = Durations.toNanos(c.maxLifetime());
    this.lifetimeJitter = c.maxLifetimeJitter();
    this.keepaliveNanos = Durations.toNanos(c.keepaliveTime());
    this.validateAfterIdleNanos = Durations.toNanos(c.validateAfterIdle());
    this.validationTimeout = c.validationTimeout();
    this.maxConnecting = c.maxConnecting();
    this.maxWaiting = c.maxWaiting();
    this.detectAbandoned = c.detectAbandoned();
    this.slowAcquireNanos = Durations.toNanos(c.slowAcquireThreshold());
    this.shutdownTimeoutNanos = Durations.toNanos(c.shutdownTimeout());
    this.capture = c.callSiteCapture();
    this.sampleRate = c.callSiteSampleRate();
    this.tagSupplier = c.tagSupplier();
    long shortest = Long.MAX_VALUE;
    for (Duration d :
        List.of(c.leakWarningThreshold(), c.maxHoldTime(), c.idleTimeout(), c.keepaliveTime(), c.maxLifetime())) {
      if (!d.isZero()) {
        shortest = Math.min(shortest, Durations.toNanos(d));
      }
    }
    this.shortestIntervalNanos = shortest;
  }
}
