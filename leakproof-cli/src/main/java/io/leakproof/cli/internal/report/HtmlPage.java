package io.leakproof.cli.internal.report;

import io.leakproof.cli.internal.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A self-contained HTML report: styles, content, chart data and Chart.js in one file that opens
 * offline and can be mailed or attached to a ticket.
 *
 * <p>Content is appended as HTML fragments; every text that comes from outside (pool names, call
 * sites, URLs) goes through {@link #esc(String)}.
 */
public final class HtmlPage {
  private static final String RESOURCES = "/io/leakproof/cli/internal/report/";

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<Map<String, Object>> charts = new ArrayList<>();

  /**
   * Starts a page.
   *
   * @param title the page title
   */
  public HtmlPage(String title) {
    this.title = title;
  }

  /**
   * Returns a numeric table cell.
   *
   * @param value the text, escaped here
   * @param cls a CSS class for its look ("good", "warn", ...), or empty
   * @return the cell's HTML
   */
  public static String cell(String value, String cls) {
    return "<td class=\"num " + cls + "\">" + esc(value) + "</td>";
  }

  /**
   * Appends a table row: the label, then one cell per result.
   *
   * @param sb where to append
   * @param label the row's label, escaped here
   * @param results one column each
   * @param cell the cell of one result (see {@link #cell})
   * @param <T> the result type
   */
  public static <T> void row(
      StringBuilder sb, String label, List<T> results, Function<? super T, String> cell) {
    sb.append("<tr><td>").append(esc(label)).append("</td>");
    for (T r : results) {
      sb.append(cell.apply(r));
    }
    sb.append("</tr>");
  }

  /**
   * Escapes text for HTML.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Appends an HTML fragment.
   *
   * @param html the fragment (already escaped)
   * @return this page
   */
  public HtmlPage html(String html) {
    body.append(html).append('\n');
    return this;
  }

  /**
   * Appends a chart.
   *
   * @param chart the chart
   * @param cssClass extra classes of its box (for example {@code "wide"})
   * @return this page
   */
  public HtmlPage chart(Chart chart, String cssClass) {
    int id = charts.size();
    charts.add(chart.spec());
    body.append("<figure class=\"chart ")
        .append(esc(cssClass))
        .append("\"><div class=\"canvas\"><canvas id=\"chart-")
        .append(id)
        .append("\"></canvas></div>");
    Object note = chart.spec().get("note");
    if (note != null) {
      body.append("<figcaption>").append(esc(note.toString())).append("</figcaption>");
    }
    body.append("</figure>\n");
    return this;
  }

  /**
   * Renders the page.
   *
   * @return the HTML document
   */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + esc(title)
        + "</title>\n<style>\n"
        + resource("report.css")
        + "</style>\n</head>\n<body>\n<main>\n"
        + body
        + "</main>\n"
        + "<script type=\"application/json\" id=\"charts\">"
        + Json.write(charts)
        + "</script>\n"
        + "<script>\n/* Chart.js, MIT License, see chart.js-LICENSE.md beside the CLI's resources */\n"
        + resource("chart.umd.min.js")
        + "\n</script>\n<script>\n"
        + resource("report.js")
        + "</script>\n</body>\n</html>\n";
  }

  /**
   * Writes the page to a file.
   *
   * @param file where
   * @throws CliException if the file cannot be written
   */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write the report " + file + ": " + e.getMessage());
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
