package io.leakproof.bench.report;

import io.leakproof.bench.LeakproofAdapter;
import io.leakproof.bench.PoolKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws the report's charts with XChart, as PNG. */
final class Charts {

  /** Chart size in pixels: readable on a laptop screen and in a GitHub page. */
  private static final int WIDTH = 1400;

  private static final int HEIGHT = 880;

  private Charts() {}

  /**
   * Draws the pool comparison (connection cycle, statement cycle, leak storm's completed rate)
   * into {@code chart} and, when the run has them, the call-site capture levels into a sibling
   * file ending in {@code -capture.png}.
   *
   * @param results the run's results
   * @param chart the pool chart's path
   * @return the paths written
   * @throws IOException if a file cannot be written
   */
  static List<String> write(List<Result> results, Path chart) throws IOException {
    List<String> written = new ArrayList<>();
    Map<String, List<Result>> groups = Tables.groups(results);
    Map<String, List<Result>> pools = new LinkedHashMap<>();
    Map<String, List<Result>> capture = new LinkedHashMap<>();
    groups.forEach(
        (title, rs) -> {
          String b = rs.get(0).benchmark();
          if (b.equals(Tables.CAPTURE)) {
            capture.put(rs.get(0).threading(), rs);
          } else if (b.equals(Tables.CONNECTION) || b.equals(Tables.VIRTUAL)
              || b.equals(Tables.STATEMENT) || b.equals(Tables.STORM)) {
            pools.put(seriesName(rs.get(0)), rs);
          }
        });
    if (!pools.isEmpty()) {
      save(poolChart(pools), chart);
      written.add(chart.toString());
    }
    if (!capture.isEmpty()) {
      String name = chart.getFileName().toString().replaceFirst("\\.png$", "") + "-capture.png";
      Path p = chart.resolveSibling(name);
      save(captureChart(capture), p);
      written.add(p.toString());
    }
    return written;
  }

  /** A legend entry: what ran, on which threads, without the storm's details. */
  private static String seriesName(Result r) {
    String what =
        switch (r.benchmark()) {
          case Tables.CONNECTION, Tables.VIRTUAL -> "connection cycle";
          case Tables.STATEMENT -> "statement cycle";
          default -> "leak storm, completed";
        };
    return what + ", " + r.threading() + ", pool " + r.param("poolSize");
  }

  /**
   * Whether a result belongs on the pool chart: not Leakproof's statement cycle while it runs on
   * the raw stub connection (a floor, not a comparison; see LeakproofAdapter).
   */
  private static boolean charted(Result r) {
    return LeakproofAdapter.WRAPS_JDBC
        || !r.benchmark().equals(Tables.STATEMENT)
        || !PoolKind.of(r.param("pool")).isLeakproof();
  }

  private static CategoryChart poolChart(Map<String, List<Result>> groups) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Pools over a stub JDBC driver, ops/ms (log scale)"
                    + (LeakproofAdapter.WRAPS_JDBC
                        ? ""
                        : "; Leakproof through its core API, its statement cycle not shown"))
            .xAxisTitle("pool")
            .yAxisTitle("ops/ms (leak storm: completed borrows)")
            .build();
    style(c);
    List<String> pools = new ArrayList<>();
    for (PoolKind k : PoolKind.values()) {
      boolean present =
          groups.values().stream()
              .flatMap(List::stream)
              .anyMatch(r -> r.param("pool").equals(k.param()));
      if (present) {
        pools.add(k.label());
      }
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    groups.forEach(
        (title, rs) -> {
          List<Double> ys = new ArrayList<>();
          for (String label : pools) {
            ys.add(
                rs.stream()
                    .filter(r -> Tables.label(r).equals(label))
                    .filter(Charts::charted)
                    .map(r -> r.benchmark().equals(Tables.STORM) ? r.metric("completed") : r.score())
                    .filter(v -> v > 0)
                    .findFirst()
                    .orElse(Double.NaN));
          }
          series.put(title, ys);
        });
    double floor =
        floor(series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue));
    // XChart misplaces grouped bars around null values: a missing or zero figure is drawn as a
    // bar of no height (the axis floor) instead.
    series.forEach(
        (title, ys) ->
            c.addSeries(title, pools, ys.stream().map(v -> Double.isNaN(v) ? floor : v).toList()));
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisMin(floor);
    return c;
  }

  /** Returns a power of ten at or below the smallest positive value (1 if there is none). */
  private static double floor(java.util.stream.DoubleStream values) {
    double min = values.filter(v -> v > 0).min().orElse(1);
    return Math.pow(10, Math.floor(Math.log10(min)));
  }

  /** Puts the y axis on a log scale whose floor, where bars start, is below every bar. */
  private static void logScale(CategoryChart c) {
    double floor =
        floor(
            c.getSeriesMap().values().stream()
                .flatMap(series -> series.getYData().stream())
                .mapToDouble(Number::doubleValue));
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisMin(floor);
  }

  private static CategoryChart captureChart(Map<String, List<Result>> byThreads) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Leakproof engine: acquire + close at each call-site capture level, ops/ms"
                    + " (log scale)")
            .xAxisTitle("capture level")
            .yAxisTitle("ops/ms")
            .build();
    style(c);
    byThreads.forEach(
        (threading, rs) ->
            c.addSeries(
                threading,
                rs.stream().map(r -> r.param("capture")).toList(),
                rs.stream().map(r -> (Number) r.score()).toList()));
    logScale(c);
    return c;
  }

  private static void style(CategoryChart c) {
    Styler s = c.getStyler();
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    // One entry per line: a row of five series names is wider than the chart.
    s.setLegendLayout(Styler.LegendLayout.Vertical);
    c.getStyler().setXAxisLabelRotation(45);
    c.getStyler().setAvailableSpaceFill(0.85);
    s.setChartBackgroundColor(java.awt.Color.WHITE);
  }

  private static void save(CategoryChart c, Path path) throws IOException {
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream out = Files.newOutputStream(path)) {
      BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
