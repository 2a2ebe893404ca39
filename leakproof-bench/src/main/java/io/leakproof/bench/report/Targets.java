package io.leakproof.bench.report;

import io.leakproof.bench.LeakproofAdapter;
import io.leakproof.bench.PoolKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a run's results against the targets of issue 6. A target whose benchmark was not part
 * of the run is left out; one that ran but lacks a figure says what is missing.
 */
final class Targets {

  /** The thread count of the headline comparison (8 platform threads). */
  private static final int HEADLINE_THREADS = 8;

  /** Leakproof's configurations in the pool benchmarks: default, detection off, call sites ALL. */
  private static final int LEAKPROOF_CONFIGURATIONS = 3;

  /** Bytes per connection cycle allowed with detection off (HikariCP's figure). */
  private static final double MAX_BYTES_OFF = 56;

  /** Bytes per connection cycle allowed with the default detection. */
  private static final double MAX_BYTES_DEFAULT = 128;

  private Targets() {}

  static List<Target> evaluate(List<Result> all, List<String> failures) {
    List<Target> out = new ArrayList<>();
    String via = LeakproofAdapter.WRAPS_JDBC ? "" : " (Leakproof via the core API, no JDBC wrapper)";
    List<Result> headline =
        select(all, Tables.CONNECTION, r -> r.threads() == HEADLINE_THREADS && !r.virtualThreads());
    if (!headline.isEmpty()) {
      Optional<Result> fastestPeer = fastestPeer(headline);
      Optional<Result> lp = pool(headline, "leakproof");
      out.add(
          compare(
              "Connection cycle, 8 platform threads: Leakproof (default detection) ≥ 1.0× the"
                  + " fastest peer",
              lp,
              fastestPeer,
              1.0,
              via));
      out.add(
          compare(
              "Call sites captured for every lease ≥ 5× HikariCP with leak detection",
              pool(headline, "leakproof-all"),
              pool(headline, "hikari-leak"),
              5.0,
              via));
      out.add(bytes("Bytes per connection cycle with detection off ≤ 56", headline,
          "leakproof-off", MAX_BYTES_OFF));
      out.add(bytes("Bytes per connection cycle with the default detection ≤ 128", headline,
          "leakproof", MAX_BYTES_DEFAULT));
    }
    List<Result> virtual = select(all, Tables.VIRTUAL, r -> true);
    if (virtual.isEmpty()) {
      virtual = select(all, Tables.CONNECTION, Result::virtualThreads);
    }
    if (!virtual.isEmpty()) {
      List<String> done =
          virtual.stream().filter(r -> kind(r).isLeakproof()).map(r -> r.param("pool")).toList();
      List<String> hung =
          failures.stream().filter(f -> f.contains("pool=leakproof")).toList();
      boolean complete = done.size() == LEAKPROOF_CONFIGURATIONS && hung.isEmpty();
      out.add(
          new Target(
              "Virtual threads: Leakproof completes every configuration without a hang",
              done.size() + " of " + LEAKPROOF_CONFIGURATIONS + " Leakproof configurations"
                  + " completed on " + virtual.get(0).threading() + "; peers that did not: "
                  + (failures.isEmpty() ? "none" : failures.size() + " (see \"Did not complete\")"),
              complete ? "yes" : "no"));
      out.add(
          compare(
              "Virtual threads: ≥ 1.5× HikariCP where HikariCP completes",
              pool(virtual, "leakproof"),
              pool(virtual, "hikari"),
              1.5,
              via));
    }
    List<Result> statement = select(all, Tables.STATEMENT, r -> !r.virtualThreads());
    if (!statement.isEmpty()) {
      Target t =
          compare(
              "Statement cycle ≥ 1.0× the fastest peer",
              pool(statement, "leakproof"),
              fastestPeer(statement),
              1.0,
              via);
      out.add(
          LeakproofAdapter.WRAPS_JDBC
              ? t
              : new Target(t.target(), t.measured(), "not comparable until LeakproofDataSource"));
    }
    List<Result> storm = select(all, Tables.STORM, r -> true);
    Optional<Result> lpStorm = pool(storm, "leakproof");
    if (lpStorm.isPresent()) {
      Result s = lpStorm.get();
      double timeouts = s.perIteration("timeouts");
      out.add(
          new Target(
              "Leak storm: Leakproof has zero timeouts",
              Tables.num(timeouts) + " timeouts per iteration, " + Tables.num(s.perIteration("leaks"))
                  + " leaks per iteration" + via,
              Double.isNaN(timeouts) ? "not measured" : timeouts == 0 ? "yes" : "no"));
      Optional<Result> cycle = Tables.cycleOf(all, s);
      double done = s.metric("completed");
      out.add(
          new Target(
              "Leak storm: Leakproof throughput ≥ 90% of its no-leak figure",
              cycle
                  .map(c -> Tables.num(done) + " vs " + Tables.num(c.score()) + " ops/ms = "
                      + Tables.ratio(done, c.score()) + via)
                  .orElse("no connection-cycle result with the same threads and pool size"),
              cycle.map(c -> done >= 0.9 * c.score() ? "yes" : "no").orElse("not measured")));
    }
    return out;
  }

  private static Target compare(
      String target, Optional<Result> ours, Optional<Result> theirs, double min, String via) {
    if (ours.isEmpty() || theirs.isEmpty()) {
      return new Target(
          target,
          (ours.isEmpty() ? "Leakproof" : "the peer it is compared with")
              + " has no result in this run",
          "not measured");
    }
    Result a = ours.get();
    Result b = theirs.get();
    return new Target(
        target,
        Tables.label(a) + " " + Tables.num(a.score()) + " vs " + Tables.label(b) + " "
            + Tables.num(b.score()) + " ops/ms = " + Tables.ratio(a.score(), b.score()) + via,
        a.score() >= min * b.score() ? "yes" : "no");
  }

  private static Target bytes(String target, List<Result> group, String pool, double max) {
    Optional<Result> r = pool(group, pool);
    double b = r.map(x -> x.metric("gc.alloc.rate.norm")).orElse(Double.NaN);
    if (Double.isNaN(b)) {
      return new Target(target, "not measured (run with -prof gc)", "not measured");
    }
    return new Target(
        target,
        Tables.num(b) + " B/op (HikariCP: "
            + pool(group, "hikari").map(h -> Tables.num(h.metric("gc.alloc.rate.norm"))).orElse("—")
            + ")",
        b <= max ? "yes" : "no");
  }

  private static List<Result> select(List<Result> all, String bench, Predicate<Result> filter) {
    List<Result> rs = all.stream().filter(r -> r.benchmark().equals(bench)).filter(filter).toList();
    if (rs.isEmpty()) {
      return rs;
    }
    // One table: the first group (threads, pool size) found.
    String title = Tables.title(rs.get(0));
    return rs.stream().filter(r -> Tables.title(r).equals(title)).toList();
  }

  private static Optional<Result> pool(List<Result> rs, String pool) {
    return rs.stream().filter(r -> r.param("pool").equals(pool)).findFirst();
  }

  private static Optional<Result> fastestPeer(List<Result> rs) {
    return rs.stream()
        .filter(r -> !kind(r).isLeakproof())
        .max(Comparator.comparingDouble(Result::score));
  }

  private static PoolKind kind(Result r) {
    return PoolKind.of(r.param("pool"));
  }
}
