package io.leakproof.cli.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrendTest {
  @Test
  void steadyGrowthAcrossTheWindowIsFlagged() {
    Trend t = new Trend(6, 3);
    int[] counts = {10, 11, 12, 13, 14, 15};
    for (int i = 0; i < counts.length; i++) {
      t.sample(i);
      t.add("e", counts[i]);
    }
    assertThat(t.growing("e")).isTrue();
    assertThat(t.slopePerMinute("e")).isEqualTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aHighButFlatCountIsNotFlagged() {
    Trend t = new Trend(6, 3);
    for (int i = 0; i < 6; i++) {
      t.sample(i);
      t.add("e", 500);
    }
    assertThat(t.growing("e")).isFalse();
  }

  @Test
  void aSpikeThatFallsBackIsNotFlagged() {
    Trend t = new Trend(6, 3);
    int[] counts = {10, 30, 30, 12, 11, 10};
    for (int i = 0; i < counts.length; i++) {
      t.sample(i);
      t.add("e", counts[i]);
    }
    assertThat(t.growing("e")).isFalse();
  }

  @Test
  void aSawtoothThatStillClimbsIsFlaggedOnlyWithFewDrops() {
    Trend climbing = new Trend(9, 3);
    int[] counts = {10, 12, 11, 13, 15, 14, 16, 18, 19};
    for (int i = 0; i < counts.length; i++) {
      climbing.sample(i);
      climbing.add("e", counts[i]);
    }
    assertThat(climbing.growing("e")).isTrue();

    Trend churning = new Trend(9, 3);
    int[] noisy = {10, 14, 11, 15, 12, 16, 13, 17, 14};
    for (int i = 0; i < noisy.length; i++) {
      churning.sample(i);
      churning.add("e", noisy[i]);
    }
    assertThat(churning.growing("e")).isFalse();
  }

  @Test
  void aPoolFillingUpOnceIsNotGrowth() {
    Trend t = new Trend(6, 3);
    int[] counts = {0, 20, 20, 20, 20, 20};
    for (int i = 0; i < counts.length; i++) {
      t.sample(i);
      t.add("e", counts[i]);
    }
    assertThat(t.growing("e")).isFalse();
  }

  @Test
  void aSeriesSeenLateStartsFromZeroAtTheEarlierSamples() {
    Trend t = new Trend(4, 3);
    t.sample(0);
    t.add("other", 1);
    t.sample(1);
    t.add("other", 1);
    t.add("late", 5);
    assertThat(t.range("late")).containsExactly(0, 5);
  }

  @Test
  void nothingIsFlaggedBeforeTheWindowIsFull() {
    Trend t = new Trend(6, 3);
    for (int i = 0; i < 5; i++) {
      t.sample(i);
      t.add("e", i * 100);
    }
    assertThat(t.growing("e")).isFalse();
  }
}
