package io.leakproof.cli.internal.report;

import io.leakproof.cli.internal.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report: styles, content, chart data and Chart.js in one file that opens
 * offline and can be mailed or attached to a ticket.
 *
 * <p>A command describes its report as a Mustache template of the page's body and a scope of
 * values (see {@link Templates}); this class puts the body into {@code page.mustache} with the
 * styles, the charts' data and the scripts. To write a new report: register each chart with
 * {@link #figure}, put the returned figures in the scope (the {@code figures.mustache} partial
 * draws them), build tables with {@link ComparisonTable} and verdicts with {@link #verdict}, then
 * call {@link #writeTo}. Every value is HTML-escaped by the template.
 */
public final class HtmlPage {
  private static final String RESOURCES = "/io/leakproof/cli/internal/report/";
  private static final String PAGE = RESOURCES + "page.mustache";

  private final String title;
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
   * Registers a chart and returns the figure that shows it, for a {@code figures} list in the
   * scope.
   *
   * @param chart the chart
   * @param cssClass extra classes of its box (for example {@code "wide"}), or empty
   * @return the figure: {@code id}, {@code cls} and {@code caption} (the chart's note, or null)
   */
  public Map<String, Object> figure(Chart chart, String cssClass) {
    Map<String, Object> figure = new HashMap<>();
    figure.put("id", charts.size());
    figure.put("cls", cssClass);
    figure.put("caption", chart.spec().get("note"));
    charts.add(chart.spec());
    return figure;
  }

  /**
   * Returns one verdict for the {@code verdicts.mustache} partial: a coloured box with a bold
   * headline and a detail.
   *
   * @param cls the box's look ({@code "good"}, {@code "warn"}, {@code "bad"}), or null
   * @param color the pool's colour for the dot, or null for none
   * @param headline the bold part, or null
   * @param detail the text after it, starting with the space or punctuation it needs
   * @return the verdict
   */
  public static Map<String, Object> verdict(
      String cls, String color, String headline, String detail) {
    Map<String, Object> v = new HashMap<>();
    v.put("cls", cls);
    v.put("color", color);
    v.put("headline", headline);
    v.put("detail", detail);
    return v;
  }

  /**
   * Returns now, as a report's header shows it.
   *
   * @return for example {@code 2026-12-03 12:40 UTC}
   */
  public static String timestamp() {
    return ZonedDateTime.now(ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
  }

  /**
   * Renders the page.
   *
   * @param bodyTemplate the body's template (an absolute resource path)
   * @param scope the body's values
   * @return the HTML document
   */
  public String render(String bodyTemplate, Object scope) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("title", title);
    page.put("css", resource("report.css"));
    page.put("body", Templates.render(bodyTemplate, scope));
    page.put("charts", Json.write(charts));
    page.put("chartJs", resource("chart.umd.min.js"));
    page.put("reportJs", resource("report.js"));
    return Templates.render(PAGE, page);
  }

  /**
   * Renders the page and writes it to a file.
   *
   * @param file where
   * @param bodyTemplate the body's template (an absolute resource path)
   * @param scope the body's values
   * @throws CliException if the file cannot be written
   */
  public void writeTo(Path file, String bodyTemplate, Object scope) {
    String html = render(bodyTemplate, scope);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
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
