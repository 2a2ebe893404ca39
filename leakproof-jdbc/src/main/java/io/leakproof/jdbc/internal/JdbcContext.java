package io.leakproof.jdbc.internal;

import io.leakproof.CallSiteCapture;
import io.leakproof.jdbc.DataSourceConfig;
import io.leakproof.jdbc.StatementLeak;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every connection handle of one data source shares: the per-statement defaults, call-site
 * capture for statements, and where statement leaks are reported. Immutable.
 */
final class JdbcContext {

  private static final System.Logger LOG = System.getLogger("io.leakproof.jdbc");

  /** At most this many statement creation sites are listed in one report. */
  static final int MAX_SITES_PER_REPORT = 10;

  /**
   * A sampled lease captures the creation sites of its first this many statements only, so that
   * a connection held for a long job (whose lease was sampled) does not walk the stack for every
   * statement it runs; {@code callSiteCapture=ALL} captures every statement's site.
   */
  static final int SITES_PER_SAMPLED_LEASE = 16;

  private static final StackWalker WALKER = StackWalker.getInstance();

  final String poolName;
  final int queryTimeoutSeconds;
  final boolean captureStatementSites;
  private final List<String> skipPrefixes;
  private final Consumer<? super StatementLeak> leakListener;
  private final boolean logging;
  private final Function<Stream<StackWalker.StackFrame>, StackTraceElement> firstKept =
      this::firstKept;

  JdbcContext(DataSourceConfig config) {
    this.poolName = config.poolConfig().name();
    this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, config.queryTimeout().toSeconds());
    this.captureStatementSites = config.poolConfig().callSiteCapture() == CallSiteCapture.ALL;
    this.skipPrefixes = config.poolConfig().callSiteSkipPrefixes();
    this.leakListener = config.statementLeakListener();
    this.logging = config.poolConfig().logging();
  }

  /**
   * Finds where a statement is being created: the first frame outside the skipped packages. The
   * walker and the walk function are shared, so a capture allocates only the frame it returns.
   *
   * @return the frame, or null when none was found
   */
  StackTraceElement statementSite() {
    return WALKER.walk(firstKept);
  }

  private StackTraceElement firstKept(Stream<StackWalker.StackFrame> frames) {
    Iterator<StackWalker.StackFrame> it = frames.iterator();
    while (it.hasNext()) {
      StackWalker.StackFrame f = it.next();
      if (!skipped(f.getClassName())) {
        return f.toStackTraceElement();
      }
    }
    return null;
  }

  private boolean skipped(String className) {
    for (String p : skipPrefixes) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Counts what a closing connection found still open. Used by one thread. */
  static final class Leftovers {
    int statements;
    int resultSets;
    final List<String> sites = new ArrayList<>();
    int sitesOmitted;

    void site(StackTraceElement site) {
      if (site == null) {
        return;
      }
      if (sites.size() < MAX_SITES_PER_REPORT) {
        sites.add(site.toString());
      } else {
        sitesOmitted++;
      }
    }

    boolean any() {
      return statements > 0 || resultSets > 0;
    }
  }

  /** Reports what a closing connection found still open: listener first, then the log. */
  void report(Leftovers l, String lease) {
    StringBuilder b = new StringBuilder(256);
    b.append("A Connection (")
        .append(lease)
        .append(") was closed with ")
        .append(plural(l.statements, "open statement"))
        .append(" and ")
        .append(plural(l.resultSets, "open result set"))
        .append("; Leakproof closed them. Close every Statement and ResultSet, best with"
            + " try-with-resources, so that cursors and server-side statements are freed when"
            + " you are done with them.");
    if (!l.sites.isEmpty()) {
      b.append(" Created at: ").append(String.join(", ", l.sites));
      if (l.sitesOmitted > 0) {
        b.append(" and ").append(l.sitesOmitted).append(" more");
      }
      b.append('.');
    } else if (!captureStatementSites) {
      b.append(" Set callSiteCapture=ALL to see where each statement was created.");
    }
    StatementLeak leak =
        new StatementLeak(poolName, lease, l.statements, l.resultSets, l.sites, b.toString());
    if (leakListener != null) {
      try {
        leakListener.accept(leak);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "statementLeakListener threw; ignored", e);
      }
    }
    if (logging) {
      LOG.log(System.Logger.Level.WARNING, leak.message());
    }
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
