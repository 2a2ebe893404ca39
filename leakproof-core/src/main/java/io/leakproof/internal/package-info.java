/**
 * The pool engine. Not exported: nothing here is API, and it changes without notice. docs/concurrency.md describes the threads, locks and the slot state machine.
 */
package io.leakproof.internal;
