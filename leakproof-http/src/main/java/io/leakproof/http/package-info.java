/**
 * Leakproof for HTTP clients: {@link io.leakproof.http.HttpPoolConfig} (per-route and total
 * bounds on the engine's settings) and {@link io.leakproof.http.HttpPools} (the engine pools
 * behind a client). The adapters: {@code io.leakproof.http.hc5} (Apache HttpClient 5),
 * {@code io.leakproof.http.jdk} ({@code java.net.http}) and {@code io.leakproof.http.okhttp}.
 */
package io.leakproof.http;
