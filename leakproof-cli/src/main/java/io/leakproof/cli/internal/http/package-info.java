/**
 * {@code leakproof http-demo}: the Go {@code http.Transport} article's failure, replayed on Apache
 * HttpClient 5 against a local Jetty server, bare and with Leakproof HTTP, side by side.
 */
package io.leakproof.cli.internal.http;
