package io.leakproof.internal;

/**
 * The FIFO of waiting callers: an intrusive doubly linked list, so that a waiter that times out
 * removes itself in constant time. Not thread-safe: every method is called under the pool lock.
 */
final class WaitQueue {
  private Waiter head;
  private Waiter tail;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  Waiter peekFirst() {
    return head;
  }

  void addLast(Waiter w) {
    w.prev = tail;
    w.next = null;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    w.queued = true;
    size++;
  }

  /** Puts a waiter back at the front (it lost the slot it was handed to a failed validation). */
  void addFirst(Waiter w) {
    w.next = head;
    w.prev = null;
    if (head == null) {
      tail = w;
    } else {
      head.prev = w;
    }
    head = w;
    w.queued = true;
    size++;
  }

  Waiter pollFirst() {
    Waiter w = head;
    if (w != null) {
      remove(w);
    }
    return w;
  }

  void remove(Waiter w) {
    if (!w.queued) {
      return;
    }
    if (w.prev == null) {
      head = w.next;
    } else {
      w.prev.next = w.next;
    }
    if (w.next == null) {
      tail = w.prev;
    } else {
      w.next.prev = w.prev;
    }
    w.prev = null;
    w.next = null;
    w.queued = false;
    size--;
  }
}
