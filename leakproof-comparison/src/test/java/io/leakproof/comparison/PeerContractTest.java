package io.leakproof.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.testkit.jdbc.StubDataSource;
import io.leakproof.testkit.jdbc.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every peer, opened from the same settings over the testkit's stub driver, honours them. */
class PeerContractTest {
  private static final int MAX = 3;

  private static PeerSettings settings(Peer peer) {
    return PeerSettings.of("contract-" + peer.id(), StubDriver.URL, MAX)
        .withSource(StubDriver.class, new StubDataSource())
        .withAcquireTimeout(Duration.ofMillis(300));
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void lendsUpToItsMaximumThenTimesOutAndClosesEverything(Peer peer) throws Exception {
    assertThat(peer.available()).isTrue();
    if (peer != Peer.TOMCAT_JDBC && peer != Peer.C3P0) { // they ship no Maven metadata
      assertThat(peer.version()).as(peer.title()).matches("\\d+\\.\\d+.*");
    }
    int before = StubDriver.openConnections();
    List<Connection> held = new ArrayList<>();
    try (PeerPool pool = peer.open(settings(peer))) {
      assertThat(pool.peer()).isEqualTo(peer);
      for (int i = 0; i < MAX; i++) {
        held.add(pool.dataSource().getConnection());
      }
      assertThat(StubDriver.openConnections() - before).isLessThanOrEqualTo(MAX);
      assertThatThrownBy(() -> pool.dataSource().getConnection().close())
          .as("%s lent more than maxSize", peer)
          .isInstanceOf(SQLException.class);
      for (Connection c : held) {
        c.close();
      }
      try (Connection again = pool.dataSource().getConnection()) {
        assertThat(again.isValid(1)).isTrue();
      }
    }
    awaitClosed(before);
    assertThat(StubDriver.openConnections()).as("%s left connections open", peer).isEqualTo(before);
  }

  @Test
  void aFixedSizePoolOpensItsMinimumAtStart() throws Exception {
    int before = StubDriver.openConnections();
    try (PeerPool pool = Peer.DBCP2.open(settings(Peer.DBCP2).withMinIdle(MAX))) {
      pool.dataSource().getConnection().close();
      assertThat(StubDriver.openConnections() - before).isEqualTo(MAX);
    }
  }

  @Test
  void badSettingsNameTheSettingTheValueAndTheRule() {
    assertThatThrownBy(() -> PeerSettings.of("p", StubDriver.URL, 0))
        .hasMessage("maxSize must be >= 1 but was 0");
    assertThatThrownBy(() -> PeerSettings.of("p", StubDriver.URL, 2).withMinIdle(3))
        .hasMessage("minIdle must be between 0 and maxSize (2) but was 3");
    assertThatThrownBy(() -> PeerSettings.of("p", StubDriver.URL, 2).withAcquireTimeout(Duration.ZERO))
        .hasMessage("acquireTimeout must be > 0 but was PT0S");
    PeerSettings halfSecond =
        settings(Peer.TOMCAT_JDBC).withLeakHandling(Duration.ZERO, Duration.ofMillis(500));
    assertThatThrownBy(() -> Peers.tomcat(halfSecond))
        .hasMessage("abandonAfter must be whole seconds for Tomcat JDBC but was PT0.5S");
    assertThatThrownBy(() -> Peer.of("mongo"))
        .hasMessage("pool must be one of [hikaricp, agroal, vibur, dbcp2, tomcat, c3p0] but was mongo");
  }

  @Test
  void viburOverAUrlWithoutAUserSaysWhatItNeeds() {
    PeerSettings noUser = PeerSettings.of("p", StubDriver.URL, 2);
    assertThatThrownBy(() -> Peers.vibur(noUser))
        .hasMessageStartingWith("user must be set for Vibur over a jdbcUrl");
  }

  @Test
  void thePasswordNeverShowsInTheSettingsText() {
    PeerSettings s =
        PeerSettings.of("p", "jdbc:postgresql://h/db?password=hunter2", 2)
            .withCredentials("app", "hunter2");
    assertThat(s.toString()).doesNotContain("hunter2").contains("password=***");
  }

  /** Some pools close their connections on a background thread after close() returns. */
  private static void awaitClosed(int open) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (StubDriver.openConnections() > open && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
  }
}
