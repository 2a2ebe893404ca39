package io.leakproof.jdbc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open children of one wrapper (statements of a connection, result sets of a statement).
 *
 * <p>Implementation notes. Most borrowers have one child open at a time (create, execute,
 * close), so the first child lives in {@link #single}, added and removed by compare-and-set
 * without a lock. Further children spill into an array guarded by {@code this}; every critical
 * section there is a few array operations and never calls the driver, so the monitor neither
 * blocks nor pins a virtual thread's carrier for long. Children closed by the borrower remove
 * themselves (searching the array from the end, where the most recent children are); children
 * the driver closed by itself are dropped by {@link #prune()}, which the owner runs when the array
 * has grown to {@link #pruneAt}, so that a connection that runs a million statements without
 * closing them holds only those still open.
 */
final class ChildList {

  /** The first pruning happens at this size; small enough that typical lists never prune. */
  static final int FIRST_PRUNE = 16;

  private static final VarHandle SINGLE;

  static {
    try {
      SINGLE = MethodHandles.lookup().findVarHandle(ChildList.class, "single", Child.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through SINGLE
  private volatile Child single;

  private volatile boolean spilled; // whether the array was ever used (written under this)
  private Child[] items; // guarded by this
  private int size; // guarded by this
  private int pruneAt = FIRST_PRUNE; // guarded by this

  ChildList() {}

  /**
   * Adds a child.
   *
   * @param c the child
   * @return whether the owner should call {@link #prune()} now
   */
  boolean add(Child c) {
    if (SINGLE.compareAndSet(this, (Child) null, c)) {
      return false;
    }
    synchronized (this) {
      spilled = true;
      if (items == null) {
        items = new Child[4];
      } else if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = c;
      return size >= pruneAt;
    }
  }

  /**
   * Removes a child (identity).
   *
   * @param c the child
   */
  @SuppressWarnings("ReferenceEquality") // children are tracked by identity
  void remove(Child c) {
    if (SINGLE.getAcquire(this) == c && SINGLE.compareAndSet(this, c, (Child) null)) {
      return;
    }
    if (!spilled) {
      return;
    }
    synchronized (this) {
      for (int i = size - 1; i >= 0; i--) {
        if (items[i] == c) {
          System.arraycopy(items, i + 1, items, i, size - i - 1);
          items[--size] = null;
          return;
        }
      }
    }
  }

  /**
   * Removes and returns every child.
   *
   * @return the children, oldest first (the single slot's child first)
   */
  List<Child> drain() {
    Child first = (Child) SINGLE.getAndSet(this, (Child) null);
    if (!spilled) {
      return first == null ? List.of() : List.of(first);
    }
    List<Child> out = new ArrayList<>();
    if (first != null) {
      out.add(first);
    }
    synchronized (this) {
      out.addAll(Arrays.asList(items).subList(0, size));
      Arrays.fill(items, 0, size, null);
      size = 0;
      pruneAt = FIRST_PRUNE;
    }
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

  int size() {
    int n = SINGLE.getAcquire(this) == null ? 0 : 1;
    if (!spilled) {
      return n;
    }
    synchronized (this) {
      return n + size;
    }
  }
}
