/**
 * {@code java.net.http}: {@link io.leakproof.http.jdk.LeakproofHttpClient}, a delegating client
 * with a real per-host connection bound and tracked {@code InputStream} bodies.
 */
package io.leakproof.http.jdk;
