/**
 * The engine side of Leakproof HTTP: one pool of connection permits per route plus one for the
 * total, and the ticket that holds a request's permits until its response body is closed. Not
 * API.
 */
package io.leakproof.http.internal;
