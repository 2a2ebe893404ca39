package io.leakproof.internal;

import io.leakproof.CallSiteStats;
import io.leakproof.CloseReason;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolDump;
import io.leakproof.PoolStats;
import java.util.Locale;

/** Renders a {@link PoolDump} as text for people and as JSON for machines. */
public final class DumpFormat {
  /** The text form lists at most this many call sites; JSON lists all of them. */
  static final int TEXT_CALL_SITES = 20;

  private DumpFormat() {}

  /**
   * Renders the dump as text.
   *
   * @param d the dump
   * @return the text
   */
  public static String text(PoolDump d) {
    PoolStats s = d.stats();
    StringBuilder b = new StringBuilder(512);
    b.append("Pool '").append(d.poolName()).append("' at ").append(d.takenAt()).append('\n');
    b.append("  ").append(s.gauges()).append('\n');
    b.append("  acquired ")
        .append(s.acquired())
        .append(", waited ")
        .append(s.waitCount())
        .append(" (total ")
        .append(Durations.format(s.totalWait()))
        .append("), timeouts ")
        .append(s.timeouts())
        .append(", rejected ")
        .append(s.rejected())
        .append(", peak leased ")
        .append(s.peakLeased())
        .append('\n');
    b.append("  created ")
        .append(s.created())
        .append(", create failures ")
        .append(s.createFailures())
        .append(", closed ")
        .append(s.closedTotal());
    String sep = " (";
    for (CloseReason r : CloseReason.values()) {
      long n = s.closed(r);
      if (n > 0) {
        b.append(sep).append(r.name().toLowerCase(Locale.ROOT)).append(' ').append(n);
        sep = ", ";
      }
    }
    b.append(sep.equals(", ") ? ")" : "").append('\n');
    b.append("  leaks suspected ")
        .append(s.leaksSuspected())
        .append(", leaks reclaimed ")
        .append(s.leaksReclaimed())
        .append('\n');
    if (d.lastCreateError() != null) {
      b.append("  last creation error: ").append(d.lastCreateError()).append('\n');
    }
    b.append('\n').append("Leases (").append(d.leases().size()).append("):\n");
    if (d.leases().isEmpty()) {
      b.append("  none\n");
    }
    for (LeaseSnapshot l : d.leases()) {
      b.append("  lease ")
          .append(leaseName(l))
          .append("  held ")
          .append(Durations.format(l.held()))
          .append("  thread ")
          .append(l.threadDescription());
      if (l.threadState() != Thread.State.TERMINATED) { // already marked "(terminated)"
        b.append(' ').append(l.threadState());
      }
      if (l.tag() != null) {
        b.append("  tag ").append(l.tag());
      }
      b.append('\n');
      b.append("    acquired at ")
          .append(l.callSite() == null ? "(call site not captured)" : l.callSite())
          .append('\n');
      for (StackTraceElement e : l.stackTrace()) {
        b.append("      at ").append(e).append('\n');
      }
    }
    if (!d.callSites().isEmpty()) {
      b.append('\n').append("Call sites (").append(d.callSites().size()).append("):\n");
      b.append(
          String.format(
              Locale.ROOT,
              "  %8s %7s %10s %10s %9s %9s  %s%n",
              "leases",
              "active",
              "mean hold",
              "max hold",
              "suspected",
              "reclaimed",
              "call site"));
      int n = 0;
      for (CallSiteStats c : d.callSites()) {
        if (n++ == TEXT_CALL_SITES) {
          b.append("  ... ").append(d.callSites().size() - TEXT_CALL_SITES).append(" more\n");
          break;
        }
        b.append(
            String.format(
                Locale.ROOT,
                "  %8d %7d %10s %10s %9d %9d  %s%n",
                c.leases(),
                c.active(),
                Durations.format(c.meanHold()),
                Durations.format(c.maxHold()),
                c.leaksSuspected(),
                c.leaksReclaimed(),
                c.callSite()));
      }
    }
    return b.toString();
  }

  static String leaseName(LeaseSnapshot l) {
    return l.resourceId() + "." + (l.leaseId() & 0xffff_ffffL);
  }

  /**
   * Renders the dump as JSON.
   *
   * @param d the dump
   * @return a JSON object
   */
  public static String json(PoolDump d) {
    PoolStats s = d.stats();
    Json j = new Json().beginObject();
    j.field("pool", d.poolName()).field("takenAt", d.takenAt().toString());
    j.name("stats").beginObject();
    j.field("maxSize", s.maxSize())
        .field("minIdle", s.minIdle())
        .field("open", s.open())
        .field("idle", s.idle())
        .field("leased", s.leased())
        .field("connecting", s.connecting())
        .field("closing", s.closing())
        .field("waiting", s.waiting())
        .field("acquired", s.acquired())
        .field("waitCount", s.waitCount())
        .field("totalWaitNanos", Durations.toNanos(s.totalWait()))
        .field("timeouts", s.timeouts())
        .field("rejected", s.rejected())
        .field("created", s.created())
        .field("createFailures", s.createFailures())
        .field("leaksSuspected", s.leaksSuspected())
        .field("leaksReclaimed", s.leaksReclaimed())
        .field("peakLeased", s.peakLeased());
    j.name("closedByReason").beginObject();
    for (CloseReason r : CloseReason.values()) {
      j.field(r.name(), s.closed(r));
    }
    j.endObject().endObject();
    j.field("lastCreateError", d.lastCreateError());
    j.name("leases").beginArray();
    for (LeaseSnapshot l : d.leases()) {
      j.beginObject()
          .field("lease", leaseName(l))
          .field("resourceId", l.resourceId())
          .field("heldNanos", Durations.toNanos(l.held()))
          .field("thread", l.threadName())
          .field("threadId", l.threadId())
          .field("threadState", l.threadState().name())
          .field("tag", l.tag())
          .field("callSite", l.callSite() == null ? null : l.callSite().toString());
      j.name("stack").beginArray();
      for (StackTraceElement e : l.stackTrace()) {
        j.value(e.toString());
      }
      j.endArray().endObject();
    }
    j.endArray();
    j.name("callSites").beginArray();
    for (CallSiteStats c : d.callSites()) {
      j.beginObject()
          .field("callSite", c.callSite().toString())
          .field("leases", c.leases())
          .field("active", c.active())
          .field("totalHoldNanos", Durations.toNanos(c.totalHold()))
          .field("maxHoldNanos", Durations.toNanos(c.maxHold()))
          .field("leaksSuspected", c.leaksSuspected())
          .field("leaksReclaimed", c.leaksReclaimed())
          .endObject();
    }
    j.endArray();
    return j.endObject().toString();
  }
}
