/**
 * Apache HttpClient 5 (classic): {@link io.leakproof.http.hc5.LeakproofConnectionManager}.
 * Needs {@code org.apache.httpcomponents.client5:httpclient5} on the class path.
 */
package io.leakproof.http.hc5;
