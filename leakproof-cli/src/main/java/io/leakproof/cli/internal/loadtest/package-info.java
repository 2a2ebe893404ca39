/**
 * {@code leakproof loadtest}: the seeds' stress test (N borrowers each hold a connection with a
 * server-side sleep) per pool, with the server-side connection count sampled throughout.
 */
package io.leakproof.cli.internal.loadtest;
