/**
 * The benchmark harness: {@link io.leakproof.bench.PoolKind} opens every measured pool over the
 * testkit's stub JDBC driver behind one {@link io.leakproof.bench.BenchPool} view;
 * {@link io.leakproof.bench.LeakproofAdapter} is the one place that says how Leakproof is borrowed
 * from. The JMH benchmarks themselves live in {@code example.bench}, outside
 * {@code io.leakproof}, so that Leakproof's call-site capture sees them as application code (it
 * skips {@code io.leakproof.*} frames), exactly as it would see a real application.
 */
package io.leakproof.bench;
