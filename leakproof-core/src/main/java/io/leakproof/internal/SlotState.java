package io.leakproof.internal;

/**
 * The states of one physical resource in the pool, and which moves between them are legal.
 *
 * <pre>
 *   (created) ──► RESERVED ──► IDLE ◄──────────────┐
 *                   │  ▲        │  │               │
 *                   │  └────────┘  └──► LEASED ────┤ (returned)
 *                   │  (hand-off,        │         │
 *                   │   keepalive)       ▼         │
 *                   └──────────────► CLOSING ──► CLOSED
 * </pre>
 *
 * Every live state may move to CLOSING; only the owner of a state moves out of it: the borrower
 * (or the path that ended its lease) owns LEASED, the waiter or maintenance task that reserved it
 * owns RESERVED, and anyone may take IDLE by compare-and-set.
 */
public enum SlotState {
  /** Ready to lend; taken by compare-and-set. */
  IDLE,
  /** Lent to a borrower. */
  LEASED,
  /** Held by the pool: just created, handed to a waiter, or being validated in the background. */
  RESERVED,
  /** Its destroy is running; still counted against maxSize. */
  CLOSING,
  /** Destroyed and no longer counted. Terminal. */
  CLOSED;

  /**
   * Returns whether a slot may move from this state to {@code next}.
   *
   * @param next the target state
   * @return whether the move is legal
   */
  boolean canMoveTo(SlotState next) {
    return switch (this) {
      case IDLE -> next == LEASED || next == RESERVED || next == CLOSING;
      case LEASED, RESERVED -> next == IDLE || next == LEASED || next == CLOSING;
      case CLOSING -> next == CLOSED;
      case CLOSED -> false;
    };
  }
}
