/**
 * What the commands measure: acquisition latencies with exact percentiles, and time series sampled
 * while a run goes on (for the live status and the HTML charts).
 */
package io.leakproof.cli.internal.measure;
