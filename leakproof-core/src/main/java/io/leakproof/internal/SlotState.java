package io.leakproof.internal;

/**
 * The states of one physical resource in the pool, and which moves between them are legal.
 *
 * <pre>
 *   (created) ─► RESERVED ──(hand-off: waiter)──► LEASED
 *                 │   ▲                             │
 *    (created,    │   │ (hand-off, keepalive,       │ (returned, reclaimed for reuse)
 *     keepalive   ▼   │  close: compare-and-set)    ▼
 *     passed)    IDLE ◄─────────────────────────────┘
 *                 │ ──(borrower: compare-and-set)──► LEASED
 *                 │
 *   RESERVED, LEASED ──(retired, broken, reclaimed, shutdown)──► CLOSING ──(destroyed)──► CLOSED
 * </pre>
 *
 * <p>The table, exactly ({@link #canMoveTo}): IDLE → LEASED, RESERVED; RESERVED → LEASED, IDLE,
 * CLOSING; LEASED → IDLE, CLOSING; CLOSING → CLOSED; CLOSED → nothing. Only the owner of a state
 * moves out of it: the borrower (or the path that ended its lease) owns LEASED, the waiter or the
 * task that reserved it owns RESERVED; IDLE belongs to nobody and is taken by compare-and-set, so
 * an IDLE resource is always reserved (or leased) before it is closed.
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
  public boolean canMoveTo(SlotState next) {
    return switch (this) {
      case IDLE -> next == LEASED || next == RESERVED;
      case RESERVED -> next == LEASED || next == IDLE || next == CLOSING;
      case LEASED -> next == IDLE || next == CLOSING;
      case CLOSING -> next == CLOSED;
      case CLOSED -> false;
    };
  }
}
