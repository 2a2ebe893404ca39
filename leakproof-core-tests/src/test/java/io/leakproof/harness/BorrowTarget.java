package io.leakproof.harness;

import java.time.Duration;

/**
 * What the concurrency harnesses borrow from: the real pool, or a deliberately broken pool
 * written here to prove that the harness catches the bug it guards against.
 */
public interface BorrowTarget extends AutoCloseable {

  /** One borrowed resource; close gives it back. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Borrows, waiting up to {@code timeout}.
   *
   * @throws Exception on timeout or any other failure (harnesses count them)
   */
  Handle borrow(Duration timeout) throws Exception;

  /**
   * Returns how many resources the target had idle when it threw {@code timeout}, or -1 if it
   * cannot tell.
   */
  default int idleAtTimeout(Exception timeout) {
    return -1;
  }

  /** Returns how many callers wait now. */
  int waiting();

  /** Disturbs the target the way operations do (evict, resize) if it supports it. */
  default void disturb(int step) {}

  @Override
  void close();
}
