/**
 * Writes the results section of docs/benchmarks.md from JMH's JSON results: tables with ratios to
 * HikariCP, the targets checked against the run, and charts drawn with XChart. Entry
 * point: {@link io.leakproof.bench.report.ReportWriter}.
 */
package io.leakproof.bench.report;
