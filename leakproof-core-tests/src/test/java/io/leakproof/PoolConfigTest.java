package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Promise 7: every invalid setting fails at build time, naming the property, the value, the rule. */
class PoolConfigTest {

  static Stream<Arguments> invalidValues() {
    Duration minus = Duration.ofMillis(-1);
    return Stream.of(
        bad("maxSize must be >= 1 but was 0", b -> b.maxSize(0)),
        bad("maxSize must be >= 1 but was -5", b -> b.maxSize(-5)),
        bad("minIdle must be >= 0 but was -1", b -> b.minIdle(-1)),
        bad("maxConnecting must be >= 1 but was 0", b -> b.maxConnecting(0)),
        bad("maxWaiting must be >= 0 but was -1", b -> b.maxWaiting(-1)),
        bad("callSiteSampleRate must be >= 1 but was 0", b -> b.callSiteSampleRate(0)),
        bad("maxCallSites must be >= 1 but was 0", b -> b.maxCallSites(0)),
        bad("acquireTimeout must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.acquireTimeout(minus)),
        bad("acquireTimeout must be zero or positive (ZERO turns it off) but was null", b -> b.acquireTimeout(null)),
        bad("createTimeout must be positive but was PT0S", b -> b.createTimeout(Duration.ZERO)),
        bad("idleTimeout must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.idleTimeout(minus)),
        bad("maxLifetime must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.maxLifetime(minus)),
        bad("maxLifetimeJitter must be between 0 and 0.5 but was 0.6", b -> b.maxLifetimeJitter(0.6)),
        bad("maxLifetimeJitter must be between 0 and 0.5 but was NaN", b -> b.maxLifetimeJitter(Double.NaN)),
        bad("keepaliveTime must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.keepaliveTime(minus)),
        bad("validateAfterIdle must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.validateAfterIdle(minus)),
        bad("validationTimeout must be positive but was PT0S", b -> b.validationTimeout(Duration.ZERO)),
        bad("leakWarningThreshold must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.leakWarningThreshold(minus)),
        bad("maxHoldTime must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.maxHoldTime(minus)),
        bad("gcOnExhaustion must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.gcOnExhaustion(minus)),
        bad("shutdownTimeout must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.shutdownTimeout(minus)),
        bad("slowAcquireThreshold must be zero or positive (ZERO turns it off) but was PT-0.001S", b -> b.slowAcquireThreshold(minus)),
        bad("name must be 1 to 64 letters, digits, '.', '_' or '-' but was \"orders db\"", b -> b.name("orders db")),
        bad("name must be 1 to 64 letters, digits, '.', '_' or '-' but was \"\"", b -> b.name("")),
        bad("name must be 1 to 64 letters, digits, '.', '_' or '-' but was null", b -> b.name(null)),
        bad("callSiteCapture must be one of OFF, SAMPLED, ALL but was null", b -> b.callSiteCapture(null)),
        bad("leakReclaimPolicy must be one of DESTROY, RESET_AND_REUSE but was null", b -> b.leakReclaimPolicy(null)),
        bad("callSiteSkipPrefixes must be a non-blank class-name prefix but was \" \"", b -> b.callSiteSkipPrefixes(" ")),
        bad("listener must be a non-null PoolListener but was null", b -> b.listener(null)),
        bad("ticker must be a non-null Ticker but was null", b -> b.ticker(null)));
  }

  private static Arguments bad(String message, Consumer<PoolConfig.Builder> setter) {
    return Arguments.of(message, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void invalidValueFailsNamingPropertyValueAndRule(String message, Consumer<PoolConfig.Builder> setter) {
    assertThatThrownBy(() -> setter.accept(PoolConfig.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> conflicts() {
    return Stream.of(
        bad(
            "Conflicting pool settings: minIdle (11) must not exceed maxSize (10)",
            b -> b.minIdle(11)),
        bad(
            "Conflicting pool settings: idleTimeout (PT30M) must be shorter than maxLifetime (PT30M), or one of them ZERO (off)",
            b -> b.idleTimeout(Duration.ofMinutes(30))),
        bad(
            "Conflicting pool settings: keepaliveTime (PT30M) must be shorter than maxLifetime (PT30M), or one of them ZERO (off)",
            b -> b.idleTimeout(Duration.ZERO).keepaliveTime(Duration.ofMinutes(30))),
        bad(
            "Conflicting pool settings: validationTimeout (PT5S) must be shorter than acquireTimeout (PT2S)",
            b -> b.acquireTimeout(Duration.ofSeconds(2)).validationTimeout(Duration.ofSeconds(5))),
        bad(
            "Conflicting pool settings: gcOnExhaustion (PT1S) only finds leaks with detectAbandoned on; set gcOnExhaustion to ZERO or turn detectAbandoned on",
            b -> b.detectAbandoned(false).gcOnExhaustion(Duration.ofSeconds(1))),
        bad(
            "Conflicting pool settings: leakWarningThreshold (PT1M) must be shorter than maxHoldTime (PT30S): a lease would be reclaimed before it is ever reported",
            b -> b.maxHoldTime(Duration.ofSeconds(30))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void conflictingSettingsFailInBuild(String message, Consumer<PoolConfig.Builder> setter) {
    PoolConfig.Builder b = PoolConfig.builder();
    setter.accept(b);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage(message);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    PoolConfig c = PoolConfig.builder().build();
    assertThat(c.maxSize()).isEqualTo(10);
    assertThat(c.minIdle()).as("follows maxSize, as in HikariCP").isEqualTo(10);
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.maxConnecting()).isEqualTo(2);
    assertThat(c.maxWaiting()).isEqualTo(Integer.MAX_VALUE);
    assertThat(c.detectAbandoned()).isTrue();
    assertThat(c.leakWarningThreshold()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxHoldTime()).isEqualTo(Duration.ZERO);
    assertThat(c.callSiteCapture()).isEqualTo(CallSiteCapture.SAMPLED);
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(PoolConfig.builder().acquireTimeout(Duration.ofSeconds(2)).build().validationTimeout())
        .as("derived, not corrected: half the acquire timeout when shorter than 5 s")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(c.name()).matches("pool-\\d+");
  }

  @Test
  void detectAbandonedOffWithTheDefaultGcSettingIsNotAConflict() {
    assertThat(PoolConfig.builder().detectAbandoned(false).build().detectAbandoned()).isFalse();
  }

  @Test
  void toBuilderKeepsEveryValue() {
    PoolConfig c =
        PoolConfig.builder()
            .name("x")
            .maxSize(7)
            .minIdle(3)
            .maxHoldTime(Duration.ofMinutes(5))
            .callSiteCapture(CallSiteCapture.ALL)
            .build();
    PoolConfig d = c.toBuilder().build();
    assertThat(d.toString()).isEqualTo(c.toString());
    assertThat(d.minIdleSet()).isTrue();
  }
}
