package io.leakproof.cli.internal.demo;

import io.leakproof.cli.internal.db.Dialect;
import io.leakproof.cli.internal.db.EmbeddedH2;
import io.leakproof.cli.internal.pool.PoolChoice;
import io.leakproof.cli.internal.term.Fmt;
import io.leakproof.cli.internal.term.Terminal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code leakproof demo}: the shop on each pool in turn, then the pools side by side and the HTML
 * report. Runs on the user's database when given one, else on an embedded H2 over TCP.
 */
public final class Demo {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private Demo() {}

  /**
   * What the caller asks for.
   *
   * @param url the user's database, or null for the embedded H2
   * @param user the user (with {@code url})
   * @param password the password (with {@code url}), never printed
   * @param settings the rest; its url, user and password are ignored
   * @param pools the pools, in order
   * @param notes lines to show before the run (for example pools skipped)
   * @param report where to write the HTML report, or null
   */
  public record Request(
      String url,
      String user,
      String password,
      DemoSettings settings,
      List<PoolChoice> pools,
      List<String> notes,
      Path report) {}

  /**
   * Runs the demo.
   *
   * @param request what to run
   * @param terminal where to show it
   * @return one result per pool
   * @throws io.leakproof.cli.internal.CliException if the database or a pool fails
   */
  public static List<DemoResult> run(Request request, Terminal terminal) {
    EmbeddedH2 h2 = null;
    try {
      DemoSettings base = request.settings();
      String database;
      DemoSettings settings;
      if (request.url() == null) {
        h2 = EmbeddedH2.start("shop" + RUNS.incrementAndGet());
        settings = with(base, h2.url(), h2.user(), h2.password());
        database = "an embedded H2 database (TCP 127.0.0.1:" + h2.port() + ")";
      } else {
        settings = with(base, request.url(), request.user(), request.password());
        database = settings.dialect().title() + " at " + io.leakproof.cli.internal.Secrets.maskUrl(request.url());
      }
      header(terminal, settings, database, request);
      List<DemoResult> results = new ArrayList<>();
      DemoOutput output = new DemoOutput(terminal);
      int width = 0;
      for (PoolChoice p : request.pools()) {
        width = Math.max(width, p.name().length());
      }
      for (PoolChoice pool : request.pools()) {
        String label = Terminal.padRight(pool.name(), width);
        DemoResult r = new DemoRun(pool, settings, terminal, label).run();
        output.pool(r);
        results.add(r);
      }
      output.sideBySide(results);
      if (request.url() != null) {
        dropTables(settings);
      }
      if (request.report() != null) {
        DemoHtml.write(request.report(), results, settings, database, request.notes());
        terminal.out().println();
        terminal.out().println(
            "  Report: " + terminal.cyan(request.report().toAbsolutePath().toUri().toString()));
      }
      terminal.out().flush();
      return results;
    } finally {
      if (h2 != null) {
        h2.close();
      }
    }
  }

  private static DemoSettings with(DemoSettings s, String url, String user, String password) {
    return new DemoSettings(
        url,
        user,
        password,
        s.duration(),
        s.rate(),
        s.maxSize(),
        s.acquireTimeout(),
        s.leakThreshold(),
        s.leakEvery());
  }

  private static void header(
      Terminal t, DemoSettings s, String database, Request request) {
    var out = t.out();
    out.println();
    out.println("  " + t.bold("Leakproof demo") + " — a web shop whose code leaks connections in four places");
    out.println(
        t.dim(
            "  on "
                + database
                + " · "
                + Fmt.count(s.rate())
                + " requests/s for "
                + Fmt.duration(s.duration())
                + " per pool, on virtual threads"));
    out.println(
        t.dim(
            "  max "
                + s.maxSize()
                + " connections · acquire timeout "
                + Fmt.duration(s.acquireTimeout())
                + " · one request in "
                + s.leakEvery()
                + " takes a leaking path"));
    List<String> names = request.pools().stream().map(PoolChoice::name).toList();
    out.println(t.dim("  pools, in turn: " + String.join(", ", names)));
    for (String note : request.notes()) {
      out.println("  " + t.yellow(note));
    }
    if (s.dialect() == Dialect.OTHER) {
      out.println(t.yellow("  server-side session counts are not available for this database"));
    }
    out.println();
    out.flush();
  }

  private static void dropTables(DemoSettings s) {
    try (Connection c =
        io.leakproof.cli.internal.db.ServerSessions.connect(s.url(), s.user(), s.password())) {
      com.example.shop.ShopSchema.drop(c);
    } catch (SQLException e) {
      // The tables are prefixed lpdemo_ and dropped again by the next run.
    }
  }
}
