package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.LeakingProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Runs the small leaking program under JFR and checks the Leakproof events in its recording,
 * which stays at target/jfr/leaking-program.jfr for {@code jfr print --categories Leakproof}.
 */
class JfrRecordingTest {
  @Test
  void aLeakingProgramsRecordingHasTheLeakproofEvents() throws Exception {
    Path file = Path.of("target/jfr/leaking-program.jfr");
    LeakingProgram.main(new String[] {file.toString()});
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Set<String> names = new TreeSet<>();
    for (RecordedEvent e : events) {
      if (e.getEventType().getCategoryNames().contains("Leakproof")) {
        names.add(e.getEventType().getName());
      }
    }
    assertThat(names)
        .contains(
            "leakproof.AcquireSlow",
            "leakproof.AcquireTimeout",
            "leakproof.LeakSuspected",
            "leakproof.LeakReclaimed",
            "leakproof.ResourceCreated",
            "leakproof.ResourceClosed",
            "leakproof.PoolStatistics");
    RecordedEvent leak =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("leakproof.LeakReclaimed"))
            .findFirst()
            .orElseThrow();
    assertThat(leak.getString("pool")).isEqualTo("demo");
    assertThat(leak.getString("signal")).isEqualTo("ABANDONED");
    assertThat(leak.getString("callSite"))
        .startsWith("example.app.LeakingProgram.leakAConnection(LeakingProgram.java:");
    assertThat(events)
        .filteredOn(e -> e.getEventType().getName().equals("leakproof.LeakSuspected"))
        .anySatisfy(
            e ->
                assertThat(e.getString("callSite"))
                    .startsWith("example.app.LeakingProgram.holdTooLong(LeakingProgram.java:"));
  }
}
