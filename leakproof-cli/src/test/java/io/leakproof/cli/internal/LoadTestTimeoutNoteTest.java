package io.leakproof.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A load test whose acquire timeout is shorter than its ideal wall time says so up front. */
class LoadTestTimeoutNoteTest {
  @Test
  void aTimeoutShorterThanTheIdealWallTimeIsFlagged() {
    assertThat(LoadTestCommand.timeoutNote(Duration.ofSeconds(5), Duration.ofSeconds(10)))
        .contains("--acquire-timeout 5s")
        .contains("ideal wall time 10s")
        .contains("time out even on a perfect pool");
  }

  @Test
  void aLongEnoughTimeoutIsNot() {
    assertThat(LoadTestCommand.timeoutNote(Duration.ofSeconds(10), Duration.ofSeconds(10))).isNull();
    assertThat(LoadTestCommand.timeoutNote(Duration.ofSeconds(40), Duration.ofSeconds(10))).isNull();
  }
}
