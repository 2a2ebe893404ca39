package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Prometheus alert rules: valid, unit-tested, and each says where to look next. */
class AlertRulesTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void promtoolCheckRulesPasses() throws Exception {
    Path promtool = Tools.require("promtool");
    Tools.Result r = Tools.run(LIMIT, promtool.toString(), "check", "rules", Tools.alertRules().toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 7 rules found");
  }

  @Test
  void promtoolCheckRulesCatchesABrokenRule(@TempDir Path dir) throws Exception {
    Path promtool = Tools.require("promtool");
    Path broken = dir.resolve("broken.yml");
    Files.writeString(
        broken,
        Files.readString(Tools.alertRules())
            .replace(
                "expr: leakproof_connections_waiting > 0",
                "expr: leakproof_connections_waiting > > 0"));
    Tools.Result r = Tools.run(LIMIT, promtool.toString(), "check", "rules", broken.toString());
    assertThat(r.exitCode()).as(r.output()).isNotZero();
  }

  @Test
  void promtoolUnitTestsOfEveryAlertPass() throws Exception {
    Path promtool = Tools.require("promtool");
    Tools.Result r =
        Tools.run(LIMIT, promtool.toString(), "test", "rules", Tools.alertRuleTests().toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
    // Every alert is exercised by the unit tests.
    String tests = Files.readString(Tools.alertRuleTests());
    for (Tools.Alert a : Tools.alerts()) {
      assertThat(tests).as("unit tests of " + a.name()).contains("alertname: " + a.name());
    }
  }

  @Test
  void promtoolUnitTestsCatchAThresholdChange(@TempDir Path dir) throws Exception {
    Path promtool = Tools.require("promtool");
    Files.writeString(
        dir.resolve("leakproof-alerts.yml"),
        Files.readString(Tools.alertRules())
            .replace(
                "leakproof_connections_leased / leakproof_connections_max >= 0.9",
                "leakproof_connections_leased / leakproof_connections_max >= 0.8"));
    Files.copy(Tools.alertRuleTests(), dir.resolve("leakproof-alerts.test.yml"));
    Tools.Result r =
        Tools.run(
            LIMIT, promtool.toString(), "test", "rules", dir.resolve("leakproof-alerts.test.yml").toString());
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("LeakproofPoolSaturated");
  }

  @Test
  void everyAlertHasASummaryARunbookAndTheAlertsTheIssueAsksFor() throws Exception {
    List<Tools.Alert> alerts = Tools.alerts();
    assertThat(alerts)
        .extracting(Tools.Alert::name)
        .contains(
            "LeakproofPoolSaturated",
            "LeakproofWaitersQueuing",
            "LeakproofAcquireTimeouts",
            "LeakproofLeakSuspected",
            "LeakproofLeakReclaimed",
            "LeakproofBrokenConnectionsSpiking");
    for (Tools.Alert a : alerts) {
      assertThat(a.annotationKeys()).as(a.name()).contains("summary", "description", "runbook");
      assertThat(a.expr()).as(a.name()).contains("leakproof_connections_");
    }
    String text = Files.readString(Tools.alertRules());
    // Each runbook points at the dump or the call-site table.
    for (String line : text.lines().filter(l -> l.trim().startsWith("runbook:")).toList()) {
      assertThat(line).containsAnyOf("dumpText", "callSiteTable");
    }
  }
}
