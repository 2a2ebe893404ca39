/**
 * Self-contained HTML reports: one file with its styles, its data as JSON and Chart.js (MIT,
 * vendored with its licence beside it in the resources) inlined, so it opens offline.
 */
package io.leakproof.cli.internal.report;
