/**
 * What differs between databases (server-side sleep, counting server-side sessions), the sampler
 * that counts a pool's connections from the server's side, and the embedded H2 TCP server the demo
 * runs on.
 */
package io.leakproof.cli.internal.db;
