/**
 * Borrower code for the JDBC tests. It lives outside {@code io.leakproof.*} on purpose: the pool
 * skips its own frames when it looks for a call site, so a leak report must name these methods.
 */
package example.app;
