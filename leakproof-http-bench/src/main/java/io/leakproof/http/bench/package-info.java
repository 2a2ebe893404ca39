/**
 * JMH benchmarks of one HTTP request cycle against a local Jetty server, for each client bare
 * and with Leakproof HTTP. Run: {@code java -jar leakproof-http-bench/target/http-benchmarks.jar}.
 */
package io.leakproof.http.bench;
