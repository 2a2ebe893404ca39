package io.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.cli.internal.DurationConverter;
import io.leakproof.cli.internal.Secrets;
import io.leakproof.cli.internal.pool.PoolSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SecretsAndDurationsTest {
  @Test
  void urlsAreMaskedInEveryForm() {
    assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    assertThat(Secrets.maskUrl("jdbc:h2:tcp://h/mem:x;USER=sa;PASSWORD=s3cret"))
        .isEqualTo("jdbc:h2:tcp://h/mem:x;USER=sa;PASSWORD=***");
    assertThat(Secrets.maskUrl("jdbc:mariadb://app:s3cret@h:3306/db")).isEqualTo("jdbc:mariadb://app:***@h:3306/db");
  }

  @Test
  void aPoolSpecNeverPrintsItsPassword() {
    PoolSpec spec =
        new PoolSpec("p", "jdbc:x", "jdbc:postgresql://h/db?password=s3cret", "app", "s3cret", 5,
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(spec.toString()).doesNotContain("s3cret").contains("password=***");
  }

  @Test
  void durationsReadTheWayPeopleWriteThem() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationConverter.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> DurationConverter.parse("5")).isInstanceOf(TypeConversionException.class);
  }
}
