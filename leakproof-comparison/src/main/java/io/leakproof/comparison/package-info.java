/**
 * The peer pools in one place: {@link io.leakproof.comparison.Peer} names them, {@link
 * io.leakproof.comparison.PeerSettings} holds the settings every pool gets alike, and {@link
 * io.leakproof.comparison.Peers} translates them into each pool's own knobs, returning the pool's
 * own type for callers that read its gauges or hook its leak signals.
 */
package io.leakproof.comparison;
