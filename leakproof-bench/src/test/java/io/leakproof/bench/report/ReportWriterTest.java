package io.leakproof.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportWriterTest {

  @Test
  void spliceReplacesOnlyTheGeneratedSection() {
    String doc =
        "# Benchmarks\n\nintro\n\n"
            + ReportWriter.BEGIN
            + "\nold results\n"
            + ReportWriter.END
            + "\n\n## Closing note\n";
    assertThat(ReportWriter.splice(doc, "new results"))
        .isEqualTo(
            "# Benchmarks\n\nintro\n\n"
                + ReportWriter.BEGIN
                + "\nnew results\n"
                + ReportWriter.END
                + "\n\n## Closing note\n");
  }

  @Test
  void spliceAppendsASectionToADocumentWithout() {
    assertThat(ReportWriter.splice("# Benchmarks\n", "r"))
        .isEqualTo("# Benchmarks\n\n" + ReportWriter.BEGIN + "\nr\n" + ReportWriter.END + "\n");
  }

  @Test
  void ratiosAndNumbersAreFormattedForReading() {
    assertThat(Tables.num(18885.4)).isEqualTo("18,885");
    assertThat(Tables.num(56.04)).isEqualTo("56.0");
    assertThat(Tables.num(Double.NaN)).isEqualTo("—");
    assertThat(Tables.ratio(45, 18)).isEqualTo("2.50×");
    assertThat(Tables.ratio(1, 0)).isEqualTo("—");
  }
}
