package io.leakproof.cli.internal.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesAreNearestRankToThreeSignificantDigits() {
    LatencyRecorder r = new LatencyRecorder();
    for (long ms = 1; ms <= 1000; ms++) {
      r.record(TimeUnit.MILLISECONDS.toNanos(ms));
    }
    LatencyRecorder.Snapshot s = r.snapshot();
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.percentile(50)).isCloseTo(TimeUnit.MILLISECONDS.toNanos(500), within(500_000L));
    assertThat(s.percentile(99)).isCloseTo(TimeUnit.MILLISECONDS.toNanos(990), within(990_000L));
    assertThat(s.max()).isCloseTo(TimeUnit.SECONDS.toNanos(1), within(1_000_000L));
  }

  @Test
  void aSnapshotIsNotChangedByLaterRecordingAndAnEmptyOneSaysSo() {
    LatencyRecorder r = new LatencyRecorder();
    LatencyRecorder.Snapshot empty = r.snapshot();
    r.record(5_000);
    r.record(-3); // a clock step counts as 0, never throws
    assertThat(empty.count()).isZero();
    assertThat(empty.percentile(99)).isEqualTo(-1);
    assertThat(empty.max()).isEqualTo(-1);
    assertThat(r.snapshot().count()).isEqualTo(2);
    assertThat(r.snapshot().percentile(0)).isZero();
  }
}
