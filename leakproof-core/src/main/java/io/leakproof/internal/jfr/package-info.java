/**
 * JFR events and the listener that emits them. Not exported.
 */
package io.leakproof.internal.jfr;
