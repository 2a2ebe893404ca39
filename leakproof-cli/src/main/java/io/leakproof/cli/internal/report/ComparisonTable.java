package io.leakproof.cli.internal.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table of results side by side, one column per result (a pool, a target), one row per measure,
 * for the {@code table.mustache} partial: put {@link #view()} in the scope and include the
 * partial inside a section of it ({@code {{#table}}{{> …/table.mustache}}{{/table}}}).
 *
 * @param <T> the result type
 */
public final class ComparisonTable<T> {
  private final List<T> results;
  private final List<Map<String, Object>> columns = new ArrayList<>();
  private final List<Map<String, Object>> rows = new ArrayList<>();

  private ComparisonTable(List<T> results) {
    this.results = List.copyOf(results);
  }

  /**
   * Starts a table.
   *
   * @param results one column each, in order
   * @param title a column's heading
   * @param color a column's CSS colour (the dot before its heading)
   * @param <T> the result type
   * @return the table
   */
  public static <T> ComparisonTable<T> of(
      List<T> results, Function<? super T, String> title, Function<? super T, String> color) {
    ComparisonTable<T> t = new ComparisonTable<>(results);
    for (T r : t.results) {
      Map<String, Object> c = new HashMap<>();
      c.put("title", title.apply(r));
      c.put("color", color.apply(r));
      t.columns.add(c);
    }
    return t;
  }

  /**
   * Adds a row: the label, then one cell per result.
   *
   * @param label the row's label
   * @param cell the cell of one result (see {@link #cell})
   * @return this table
   */
  public ComparisonTable<T> row(String label, Function<? super T, Map<String, Object>> cell) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (T r : results) {
      cells.add(cell.apply(r));
    }
    Map<String, Object> row = new HashMap<>();
    row.put("label", label);
    row.put("cells", cells);
    rows.add(row);
    return this;
  }

  /**
   * Returns a numeric cell.
   *
   * @param value the text
   * @param cls a CSS class for its look ({@code "good"}, {@code "warn"}, {@code "bad"}), or empty
   * @return the cell
   */
  public static Map<String, Object> cell(String value, String cls) {
    Map<String, Object> c = new HashMap<>();
    c.put("value", value);
    c.put("cls", cls);
    return c;
  }

  /**
   * Returns the table for a template: {@code columns} ({@code title}, {@code color}) and {@code
   * rows} ({@code label}, {@code cells} of {@code value} and {@code cls}).
   *
   * @return the view
   */
  public Map<String, Object> view() {
    Map<String, Object> v = new HashMap<>();
    v.put("columns", columns);
    v.put("rows", rows);
    return v;
  }
}
