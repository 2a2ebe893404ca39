package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.internal.SlotState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The slot state machine's table, exactly as docs/concurrency.md draws it: every pair of states
 * is checked, so a move added or removed in one place and not the other fails here.
 */
class SlotStateTest {
  private static final Map<SlotState, Set<SlotState>> LEGAL =
      Map.of(
          SlotState.IDLE, EnumSet.of(SlotState.LEASED, SlotState.RESERVED),
          SlotState.RESERVED, EnumSet.of(SlotState.LEASED, SlotState.IDLE, SlotState.CLOSING),
          SlotState.LEASED, EnumSet.of(SlotState.IDLE, SlotState.CLOSING),
          SlotState.CLOSING, EnumSet.of(SlotState.CLOSED),
          SlotState.CLOSED, EnumSet.noneOf(SlotState.class));

  @Test
  void everyMoveIsLegalExactlyWhenTheDiagramHasIt() {
    for (SlotState from : SlotState.values()) {
      for (SlotState to : SlotState.values()) {
        assertThat(from.canMoveTo(to))
            .as("%s -> %s", from, to)
            .isEqualTo(LEGAL.get(from).contains(to));
      }
    }
  }

  @Test
  void anIdleResourceIsNeverClosedWithoutBeingTakenFirst() {
    // Closing an IDLE slot directly would race with a borrower's compare-and-set.
    assertThat(SlotState.IDLE.canMoveTo(SlotState.CLOSING)).isFalse();
  }
}
