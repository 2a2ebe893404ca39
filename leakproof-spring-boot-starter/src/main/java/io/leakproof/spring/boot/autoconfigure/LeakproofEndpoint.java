package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.CallSiteStats;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolDump;
import io.leakproof.PoolStats;
import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.management.CallSiteRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code leakproof} Actuator endpoint ({@code /actuator/leakproof}): for each Leakproof data
 * source, its stats, its holders (the leases out now, with thread, hold time and call site: the
 * dump) and the leak report by call site (sites with suspected or reclaimed leaks first).
 * {@code /actuator/leakproof/{name}} shows one data source by bean name.
 */
@Endpoint(id = "leakproof")
public final class LeakproofEndpoint {

  /** Nanoseconds per millisecond, for hold times in fractional milliseconds. */
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private final Map<String, LeakproofDataSource> dataSources;

  /**
   * Creates the endpoint.
   *
   * @param dataSources the data sources by bean name
   */
  public LeakproofEndpoint(Map<String, LeakproofDataSource> dataSources) {
    this.dataSources = new TreeMap<>(dataSources);
  }

  /**
   * Reports every data source.
   *
   * @return bean name to report
   */
  @ReadOperation
  public Map<String, Object> pools() {
    Map<String, Object> out = new LinkedHashMap<>();
    dataSources.forEach((name, ds) -> out.put(name, report(ds)));
    return out;
  }

  /**
   * Reports one data source.
   *
   * @param name the bean name
   * @return its report, or null (HTTP 404) if there is none of that name
   */
  @ReadOperation
  public Map<String, Object> pool(@Selector String name) {
    LeakproofDataSource ds = dataSources.get(name);
    return ds == null ? null : report(ds);
  }

  private static Map<String, Object> report(LeakproofDataSource ds) {
    PoolDump dump = ds.pool().dump();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stats", stats(dump.stats()));
    List<Map<String, Object>> holders = new ArrayList<>();
    for (LeaseSnapshot l : dump.leases()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("leaseId", l.leaseId());
      h.put("thread", l.threadName());
      h.put("heldMillis", l.held().toNanos() / NANOS_PER_MILLI);
      h.put("callSite", l.callSite() == null ? null : l.callSite().toString());
      if (!l.stackTrace().isEmpty()) {
        h.put("stackTrace", l.stackTrace().stream().map(StackTraceElement::toString).toList());
      }
      if (l.tag() != null) {
        h.put("tag", l.tag());
      }
      holders.add(h);
    }
    r.put("holders", holders);
    List<CallSiteRow> rows = new ArrayList<>();
    for (CallSiteStats s : dump.callSites()) {
      rows.add(CallSiteRow.of(s));
    }
    rows.sort(
        Comparator.comparingLong((CallSiteRow c) -> c.leaksSuspected() + c.leaksReclaimed())
            .reversed()
            .thenComparing(Comparator.comparingLong(CallSiteRow::leases).reversed()));
    r.put("callSites", rows);
    r.put("leaks", rows.stream().filter(c -> c.leaksSuspected() + c.leaksReclaimed() > 0).toList());
    if (dump.lastCreateError() != null) {
      r.put("lastCreateError", dump.lastCreateError());
    }
    return r;
  }

  private static Map<String, Object> stats(PoolStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pool", s.poolName());
    m.put("maxSize", s.maxSize());
    m.put("minIdle", s.minIdle());
    m.put("open", s.open());
    m.put("idle", s.idle());
    m.put("leased", s.leased());
    m.put("connecting", s.connecting());
    m.put("waiting", s.waiting());
    m.put("peakLeased", s.peakLeased());
    m.put("acquired", s.acquired());
    m.put("timeouts", s.timeouts());
    m.put("rejected", s.rejected());
    m.put("created", s.created());
    m.put("createFailures", s.createFailures());
    m.put("closed", s.closedByReason());
    m.put("leaksSuspected", s.leaksSuspected());
    m.put("leaksReclaimed", s.leaksReclaimed());
    return m;
  }
}
