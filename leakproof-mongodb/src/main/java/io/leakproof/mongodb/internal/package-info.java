/**
 * The engine behind {@link io.leakproof.mongodb.LeakproofMongo}: the checkout tracker fed by the
 * driver's pool events, the wrappers that watch cursors, sessions and clients, the reaper that
 * acts when one of them is collected unclosed, and the forgotten-client guard. Not exported.
 */
package io.leakproof.mongodb.internal;
