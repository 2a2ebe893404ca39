/**
 * The picocli commands ({@code demo}, {@code loadtest}, {@code watch}), their option converters
 * and the error type that ends a command with a clear message and a non-zero exit.
 */
package io.leakproof.cli.internal;
