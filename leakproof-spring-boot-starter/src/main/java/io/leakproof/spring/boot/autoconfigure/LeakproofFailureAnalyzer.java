package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.spring.boot.InvalidLeakproofSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad Leakproof setting into Spring Boot's start-up report: the property, its value and
 * the rule it breaks, and what to change.
 */
public final class LeakproofFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidLeakproofSettingException> {

  /** Creates the analyzer (by Spring Boot, from spring.factories). */
  public LeakproofFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidLeakproofSettingException cause) {
    return new FailureAnalysis(
        "Leakproof could not start the DataSource.\n\n    Property: "
            + cause.property()
            + "\n    Value: "
            + cause.value()
            + "\n    Reason: "
            + cause.rule(),
        "Change " + cause.property() + " in your application's configuration (application"
            + ".properties or .yaml, or the environment). Every pool setting is listed in"
            + " docs/spring-boot.md and completed by your IDE under spring.datasource.leakproof.",
        cause);
  }
}
