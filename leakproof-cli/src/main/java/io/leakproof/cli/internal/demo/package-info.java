/**
 * {@code leakproof demo}: drives the {@code com.example.shop} workload on each pool, watches it
 * live, and prints and writes what happened.
 */
package io.leakproof.cli.internal.demo;
