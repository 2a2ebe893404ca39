package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard parses, is importable (a data-source variable, no hard-wired
 * data source), and every query names only metrics the binder really exports, checked against a
 * real scrape. (PrometheusEndToEndTest also runs every query against a Prometheus server.)
 */
class DashboardTest {

  @SuppressWarnings("unchecked") // JSON shapes
  static Map<String, Object> dashboard() throws IOException {
    return (Map<String, Object>) MiniJson.parse(Files.readString(Tools.dashboard()));
  }

  @SuppressWarnings("unchecked") // JSON shapes
  static List<Map<String, Object>> panels() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object p : (List<Object>) dashboard().get("panels")) {
      out.add((Map<String, Object>) p);
      Object nested = ((Map<String, Object>) p).get("panels"); // collapsed rows hold panels
      if (nested != null) {
        for (Object n : (List<Object>) nested) {
          out.add((Map<String, Object>) n);
        }
      }
    }
    return out;
  }

  /** Every PromQL query of the dashboard: panel targets and template variables. */
  @SuppressWarnings("unchecked") // JSON shapes
  static List<String> queries() throws IOException {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> p : panels()) {
      for (Object t : (List<Object>) p.getOrDefault("targets", List.of())) {
        out.add((String) ((Map<String, Object>) t).get("expr"));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked") // JSON shapes
  private static List<String> variableQueries() throws IOException {
    List<String> out = new ArrayList<>();
    Map<String, Object> templating = (Map<String, Object>) dashboard().get("templating");
    for (Object v : (List<Object>) templating.get("list")) {
      Object q = ((Map<String, Object>) v).get("query");
      if (q instanceof Map<?, ?> m) {
        out.add((String) m.get("query"));
      }
    }
    return out;
  }

  @Test
  void everyQueryNamesOnlyMetricsARealScrapeExports() throws Exception {
    Set<String> exported = Scrapes.sampleNames(Scrapes.everything());
    List<String> all = new ArrayList<>(queries());
    all.addAll(variableQueries());
    assertThat(all).hasSizeGreaterThan(30);
    Set<String> used = new HashSet<>();
    for (String q : all) {
      Set<String> names = Scrapes.mentioned(q);
      assertThat(names).as("metrics in %s", q).isNotEmpty();
      assertThat(exported).as("query %s", q).containsAll(names);
      used.addAll(names);
    }
    // And every exported metric appears on some panel.
    Set<String> unused = new HashSet<>(exported);
    unused.removeAll(used);
    assertThat(unused).as("exported metrics no panel shows").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked") // JSON shapes
  void panelsAreWellFormedAndUseTheDataSourceVariable() throws Exception {
    Map<String, Object> d = dashboard();
    assertThat(d.get("uid")).isEqualTo("leakproof-pools");
    assertThat(d.get("title")).isEqualTo("Leakproof pools");
    Set<Object> ids = new HashSet<>();
    for (Map<String, Object> p : panels()) {
      assertThat(ids.add(p.get("id"))).as("unique panel id %s", p.get("id")).isTrue();
      assertThat(p).containsKeys("type", "title", "gridPos");
      List<Object> targets = (List<Object>) p.getOrDefault("targets", List.of());
      Set<Object> refIds = new HashSet<>();
      for (Object t : targets) {
        Map<String, Object> target = (Map<String, Object>) t;
        assertThat(refIds.add(target.get("refId"))).isTrue();
        assertThat(((Map<String, Object>) target.get("datasource")).get("uid")).isEqualTo("${datasource}");
        assertThat((String) target.get("expr")).contains("pool=~\"$pool\"").contains("instance=~\"$instance\"");
      }
      if (!targets.isEmpty()) {
        assertThat(((Map<String, Object>) p.get("datasource")).get("uid")).isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void everyAlertRuleNamesOnlyExportedMetrics() throws Exception {
    Set<String> exported = Scrapes.sampleNames(Scrapes.everything());
    for (Tools.Alert a : Tools.alerts()) {
      assertThat(exported).as(a.name() + ": " + a.expr()).containsAll(Scrapes.mentioned(a.expr()));
    }
  }

  @Test
  void theDocsExplainEveryExportedMetricAndNoOther() throws Exception {
    Set<String> exported = Scrapes.sampleNames(Scrapes.everything());
    // Timers are documented once as the family (..._seconds) with its _count, _sum and _max.
    Set<String> families = new HashSet<>();
    for (String name : exported) {
      families.add(name.replaceAll("(_seconds)_(count|sum|max)$", "$1"));
    }
    String docs = Files.readString(Tools.repoRoot().resolve("docs/observability.md"));
    Set<String> documented = Scrapes.mentioned(docs);
    assertThat(documented).as("docs/observability.md").containsAll(families);
    Set<String> known = new HashSet<>(families);
    known.addAll(exported);
    assertThat(known).as("names in docs/observability.md that no scrape has").containsAll(documented);
  }
}
