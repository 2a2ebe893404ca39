package io.leakproof.jdbc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open children of one wrapper (statements of a connection, result sets of a statement).
 *
 * <p>Implementation notes. Guarded by {@code this}; every critical section is a few array
 * operations and never calls the driver, so the monitor neither blocks nor pins a virtual thread's
 * carrier for long. Children closed by the borrower remove themselves (searching from the end,
 * where the most recent children are); children the driver closed by itself are dropped by
 * {@link #prune()}, which the owner runs when the list has grown to {@link #pruneAt}, so that a
 * connection that runs a million statements without closing them holds only those still open.
 */
final class ChildList {

  /** The first pruning happens at this size; small enough that typical lists never prune. */
  static final int FIRST_PRUNE = 16;

  private Child[] items;
  private int size;
  private int pruneAt = FIRST_PRUNE;

  ChildList() {}

  /**
   * Adds a child.
   *
   * @param c the child
   * @return whether the owner should call {@link #prune()} now
   */
  synchronized boolean add(Child c) {
    if (items == null) {
      items = new Child[4];
    } else if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = c;
    return size >= pruneAt;
  }

  /**
   * Removes a child (identity).
   *
   * @param c the child
   */
  @SuppressWarnings("ReferenceEquality") // children are tracked by identity
  synchronized void remove(Child c) {
    for (int i = size - 1; i >= 0; i--) {
      if (items[i] == c) {
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
        return;
      }
    }
  }

  /**
   * Removes and returns every child.
   *
   * @return the children, oldest first
   */
  synchronized List<Child> drain() {
    if (size == 0) {
      return List.of();
    }
    List<Child> out = new ArrayList<>(Arrays.asList(items).subList(0, size));
    Arrays.fill(items, 0, size, null);
    size = 0;
    pruneAt = FIRST_PRUNE;
    return out;
  }

  /** Drops the children the driver closed by itself; asks the driver outside the lock. */
  void prune() {
    List<Child> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(Arrays.asList(items).subList(0, size));
    }
    for (Child c : snapshot) {
      if (c.closedByDriver()) {
        remove(c);
      }
    }
    synchronized (this) {
      pruneAt = Math.max(FIRST_PRUNE, size * 2);
    }
  }

  synchronized int size() {
    return size;
  }
}
