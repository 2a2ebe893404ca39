package io.leakproof.cli.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart of a report, described as data; {@code report.js} turns it into a Chart.js chart.
 * Either an x/y chart (series of points over time) or a bar chart over named categories.
 */
public final class Chart {
  private final Map<String, Object> spec = new LinkedHashMap<>();
  private final List<Map<String, Object>> series = new ArrayList<>();

  private Chart(String type, String title) {
    spec.put("type", type);
    spec.put("title", title);
    spec.put("series", series);
  }

  /**
   * Starts a line chart over time.
   *
   * @param title the title
   * @param xLabel the x axis
   * @param yLabel the y axis
   * @return the chart
   */
  public static Chart lines(String title, String xLabel, String yLabel) {
    Chart c = new Chart("line", title);
    c.spec.put("x", xLabel);
    c.spec.put("y", yLabel);
    return c;
  }

  /**
   * Starts a grouped bar chart.
   *
   * @param title the title
   * @param categories the groups along the x axis
   * @param yLabel the y axis
   * @return the chart
   */
  public static Chart bars(String title, List<String> categories, String yLabel) {
    Chart c = new Chart("bar", title);
    c.spec.put("categories", categories);
    c.spec.put("y", yLabel);
    return c;
  }

  /**
   * Adds a series of points.
   *
   * @param label the legend
   * @param color a CSS colour
   * @param x the x values
   * @param y the y values
   * @param style {@code "line"}, {@code "area"}, {@code "step"}, {@code "dashed"} or {@code
   *     "bar"}
   * @return this chart
   */
  public Chart series(String label, String color, double[] x, double[] y, String style) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("label", label);
    s.put("color", color);
    s.put("x", x);
    s.put("y", y);
    s.put("style", style);
    series.add(s);
    return this;
  }

  /**
   * Adds one bar per category.
   *
   * @param label the legend
   * @param color a CSS colour
   * @param values one value per category (null for none)
   * @return this chart
   */
  public Chart bars(String label, String color, List<Double> values) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("label", label);
    s.put("color", color);
    s.put("values", values);
    series.add(s);
    return this;
  }

  /**
   * Draws a horizontal reference line.
   *
   * @param label what it marks
   * @param value where
   * @return this chart
   */
  public Chart limit(String label, double value) {
    spec.put("limitLabel", label);
    spec.put("limit", value);
    return this;
  }

  /** Uses a logarithmic y axis. */
  public Chart logY() {
    spec.put("logY", true);
    return this;
  }

  /**
   * Adds a note shown under the chart.
   *
   * @param note the text
   * @return this chart
   */
  public Chart note(String note) {
    spec.put("note", note);
    return this;
  }

  Map<String, Object> spec() {
    return spec;
  }
}
