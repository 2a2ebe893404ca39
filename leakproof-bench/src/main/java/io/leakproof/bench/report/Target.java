package io.leakproof.bench.report;

/**
 * One target of issue 6 with what a run measured.
 *
 * @param target the target, as the issue states it
 * @param measured the figures and the ratio
 * @param status "yes", "no", or why it could not be judged
 */
record Target(String target, String measured, String status) {}
