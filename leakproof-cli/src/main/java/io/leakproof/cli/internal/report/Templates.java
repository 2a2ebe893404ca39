package io.leakproof.cli.internal.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the reports' Mustache templates (mustache.java). Templates are class-path resources
 * named by their absolute path, for example {@code /io/leakproof/cli/internal/demo/demo.mustache};
 * a template includes another with {@code {{> /io/leakproof/cli/internal/report/table.mustache}}}.
 * The report partials every command can reuse live beside this class: {@code page.mustache} (the
 * document around a body), {@code verdicts.mustache}, {@code table.mustache} and {@code
 * figures.mustache}.
 *
 * <p>Variables are HTML-escaped ({@code {{name}}}); only the page's own resources (styles,
 * scripts, the rendered body) are inserted raw ({@code {{{name}}}}). A scope is a tree of {@link
 * Map}s, {@link java.util.List}s, strings and numbers; a section is shown when its value is {@code
 * true}, a non-empty list or a map.
 *
 * <p>Thread-safe: compiled templates are cached.
 */
public final class Templates {
  private static final Factory FACTORY = new Factory();
  private static final Map<String, Mustache> CACHE = new ConcurrentHashMap<>();

  private Templates() {}

  /**
   * Renders a template.
   *
   * @param template the template's absolute resource path
   * @param scope the values it shows
   * @return the rendered text
   * @throws IllegalStateException if the template is missing
   */
  public static String render(String template, Object scope) {
    Mustache m = CACHE.computeIfAbsent(template, FACTORY::compile);
    StringWriter out = new StringWriter();
    m.execute(out, scope);
    return out.toString();
  }

  /**
   * Reads templates through this module's own class loader lookups, so that they are found on the
   * module path (tests) as on the class path (the executable jar).
   */
  private static final class Factory extends DefaultMustacheFactory {
    Factory() {}

    @Override
    public Reader getReader(String resourceName) {
      String path = resourceName.startsWith("/") ? resourceName : "/" + resourceName;
      InputStream in = Templates.class.getResourceAsStream(path);
      if (in == null) {
        throw new MustacheNotFoundException(path);
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
  }
}
