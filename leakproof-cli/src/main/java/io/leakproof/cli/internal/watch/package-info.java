/**
 * {@code leakproof watch}: a process's TCP sockets read from {@code /proc/PID/fd} and {@code
 * /proc/PID/net/tcp{,6}}, grouped by remote endpoint and state, with trend detection.
 */
package io.leakproof.cli.internal.watch;
