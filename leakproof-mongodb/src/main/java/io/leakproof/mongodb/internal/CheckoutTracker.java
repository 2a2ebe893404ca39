package io.leakproof.mongodb.internal;

import com.mongodb.MongoTimeoutException;
import com.mongodb.connection.ConnectionId;
import com.mongodb.connection.ServerId;
import com.mongodb.event.ConnectionCheckOutFailedEvent;
import com.mongodb.event.ConnectionCheckOutStartedEvent;
import com.mongodb.event.ConnectionCheckedInEvent;
import com.mongodb.event.ConnectionCheckedOutEvent;
import com.mongodb.event.ConnectionClosedEvent;
import com.mongodb.event.ConnectionCreatedEvent;
import com.mongodb.event.ConnectionPoolCreatedEvent;
import com.mongodb.event.ConnectionPoolListener;
import com.mongodb.event.ConnectionReadyEvent;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.LeaseSnapshot;
import io.leakproof.Ticker;
import io.leakproof.mongodb.LeakproofMongoTimeoutException;
import io.leakproof.mongodb.MongoConfig;
import io.leakproof.mongodb.MongoLeakReport;
import io.leakproof.mongodb.MongoPoolStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tracks every checkout of one client from the driver's {@link ConnectionPoolListener} events.
 *
 * <p>Implementation notes: the driver calls check-out, check-out-failed and (normally) check-in
 * on the borrower's own thread, so the call site is captured there, and the timeout diagnosis is
 * written there, before the driver throws; {@link #translate} hands it to the same thread's
 * wrapper. State is a concurrent map of connection id to {@link Checkout} plus per-server
 * atomics; no lock is taken, nothing blocks, and no callback calls back into the driver.
 */
public final class CheckoutTracker implements ConnectionPoolListener {
  /** How long SAMPLED captures every checkout after a timeout or a held-too-long report. */
  static final long ESCALATION_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final String name;
  private final MongoConfig config;
  private final Ticker ticker;
  private final CallSiteCapturer capturer;
  private final MongoDiagnosis diagnosis;
  private final Reporter reporter;
  private final SiteTable sites;
  private final ConcurrentHashMap<String, ServerPool> servers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, Checkout> held = new ConcurrentHashMap<>();
  private final Set<Key> notReady = ConcurrentHashMap.newKeySet();

  /**
   * A connection's identity: its server and local number. Not {@link ConnectionId}, whose
   * equality includes the server-side id, which is unknown in the created event.
   */
  private record Key(ServerId server, long local) {
    static Key of(ConnectionId id) {
      return new Key(id.getServerId(), id.getLocalValue());
    }
  }
  private final AtomicLong ids = new AtomicLong();
  private final List<Consumer<String>> serverListeners = new CopyOnWriteArrayList<>();
  /** The diagnosis of this thread's last checkout timeout, until its wrapper turns it in. */
  private static final ThreadLocal<LeakproofMongoTimeoutException> pendingTimeout =
      new ThreadLocal<>();
  final LongAdder cursorsOpen = new LongAdder();
  final LongAdder cursorLeaks = new LongAdder();
  final LongAdder sessionLeaks = new LongAdder();
  private volatile long captureAllUntilNanos = Long.MIN_VALUE;

  /**
   * Creates a tracker.
   *
   * @param config the client's configuration
   * @param ticker the clock for hold times
   */
  public CheckoutTracker(MongoConfig config, Ticker ticker) {
    this.name = config.name();
    this.config = config;
    this.ticker = ticker;
    this.capturer = new CallSiteCapturer(config.callSiteSkipPrefixes());
    this.diagnosis =
        new MongoDiagnosis(name, config.callSiteCapture(), config.callSiteSampleRate());
    this.reporter = new Reporter(name, config.listeners());
    this.sites = new SiteTable(config.maxCallSites());
  }

  String name() {
    return name;
  }

  MongoConfig config() {
    return config;
  }

  CallSiteCapturer capturer() {
    return capturer;
  }

  MongoDiagnosis diagnosis() {
    return diagnosis;
  }

  Reporter reporter() {
    return reporter;
  }

  SiteTable sites() {
    return sites;
  }

  long nowNanos() {
    return ticker.read();
  }

  private ServerPool server(ServerId id) {
    return server(id.getAddress().toString());
  }

  private ServerPool server(String address) {
    ServerPool p = servers.get(address);
    if (p != null) {
      return p;
    }
    boolean[] added = new boolean[1];
    p =
        servers.computeIfAbsent(
            address,
            a -> {
              added[0] = true;
              return new ServerPool(a);
            });
    if (added[0]) {
      for (Consumer<String> l : serverListeners) {
        l.accept(address);
      }
    }
    return p;
  }

  /** Hears every server address once, when its pool is first seen (the metrics binder). */
  public void onNewServer(Consumer<String> listener) {
    serverListeners.add(listener);
    servers.keySet().forEach(listener);
  }

  /** Counts a cursor leak on the server that held the cursor. */
  void cursorLeaked(String address) {
    cursorLeaks.increment();
    if (address != null) {
      server(address).cursorLeaks.increment();
    }
  }

  // ------------------------------------------------------------------ driver events

  @Override
  public void connectionPoolCreated(ConnectionPoolCreatedEvent event) {
    server(event.getServerId()).maxSize = event.getSettings().getMaxSize();
  }

  @Override
  public void connectionCreated(ConnectionCreatedEvent event) {
    ServerPool p = server(event.getConnectionId().getServerId());
    p.created.increment();
    p.alive.incrementAndGet();
    p.connecting.incrementAndGet();
    notReady.add(Key.of(event.getConnectionId()));
  }

  @Override
  public void connectionReady(ConnectionReadyEvent event) {
    if (notReady.remove(Key.of(event.getConnectionId()))) {
      server(event.getConnectionId().getServerId()).connecting.decrementAndGet();
    }
  }

  @Override
  public void connectionClosed(ConnectionClosedEvent event) {
    ServerPool p = server(event.getConnectionId().getServerId());
    p.closed(event.getReason());
    p.alive.decrementAndGet();
    if (notReady.remove(Key.of(event.getConnectionId()))) {
      p.connecting.decrementAndGet();
    }
    Checkout c = held.remove(Key.of(event.getConnectionId()));
    if (c != null) {
      end(c, ticker.read());
    }
  }

  @Override
  public void connectionCheckOutStarted(ConnectionCheckOutStartedEvent event) {
    server(event.getServerId()).waiting.incrementAndGet();
  }

  @Override
  public void connectionCheckedOut(ConnectionCheckedOutEvent event) {
    long now = ticker.read();
    long waited = event.getElapsedTime(TimeUnit.NANOSECONDS);
    ConnectionId id = event.getConnectionId();
    ServerPool p = server(id.getServerId());
    p.waiting.decrementAndGet();
    p.checkedOut(waited);
    CallSite site = shouldCapture(waited, now) ? capturer.capture() : null;
    if (site != null) {
      sites.checkedOut(site);
    }
    Checkout c =
        new Checkout(
            ids.incrementAndGet(),
            id,
            event.getOperationId(),
            p,
            Thread.currentThread(),
            now,
            site);
    Checkout previous = held.put(Key.of(id), c);
    if (previous != null) {
      // The driver lent the connection again before the previous holder's check-in event
      // arrived: that checkout has ended; its late check-in will not match this one.
      end(previous, now);
    }
  }

  private boolean shouldCapture(long waitedNanos, long now) {
    return switch (config.callSiteCapture()) {
      case OFF -> false;
      case ALL -> true;
      case SAMPLED ->
          waitedNanos >= ServerPool.WAITED_NANOS
              || now - captureAllUntilNanos < 0
              || ThreadLocalRandom.current().nextInt(config.callSiteSampleRate()) == 0;
    };
  }

  @Override
  public void connectionCheckedIn(ConnectionCheckedInEvent event) {
    Key key = Key.of(event.getConnectionId());
    Checkout c = held.get(key);
    if (c != null && c.operationId == event.getOperationId() && held.remove(key, c)) {
      end(c, ticker.read());
    }
  }

  private void end(Checkout c, long now) {
    c.server.inUse.decrementAndGet();
    long hold = now - c.atNanos;
    if (c.callSite != null) {
      sites.checkedIn(c.callSite, hold);
    }
    if (c.reported) {
      reporter.report(
          MongoLeakReport.Kind.HELD_RETURNED,
          diagnosis.heldReturned(c, hold, config.leakWarningThreshold().toNanos()),
          c.callSite,
          Reporter.describe(c.holder),
          hold);
    }
  }

  @Override
  public void connectionCheckOutFailed(ConnectionCheckOutFailedEvent event) {
    ServerPool p = server(event.getServerId());
    p.waiting.decrementAndGet();
    if (event.getReason() != ConnectionCheckOutFailedEvent.Reason.TIMEOUT) {
      p.checkoutErrors.increment();
      return;
    }
    p.timeouts.increment();
    long now = ticker.read();
    long waited = event.getElapsedTime(TimeUnit.NANOSECONDS);
    escalate(now);
    List<LeaseSnapshot> holders = holders(p, now);
    MongoPoolStats s = p.stats(0, 0, 0);
    String message = diagnosis.timeout(p.address, waited, s, holders);
    MongoJfrEvents.timeout(name, p.address, waited, s.socketsInUse(), s.waiting(), message);
    pendingTimeout.set(
        new LeakproofMongoTimeoutException(
            message, new MongoTimeoutException("(the driver's exception follows)"), s, holders));
  }

  private void escalate(long now) {
    if (config.callSiteCapture() == CallSiteCapture.SAMPLED) {
      captureAllUntilNanos = now + ESCALATION_NANOS;
    }
  }

  /**
   * Turns the driver's timeout into one that names the holders, when this thread's last
   * checkout timed out; otherwise returns the driver's exception.
   */
  RuntimeException translate(MongoTimeoutException driverException) {
    LeakproofMongoTimeoutException d = pendingTimeout.get();
    if (d == null) {
      return driverException;
    }
    pendingTimeout.remove();
    LeakproofMongoTimeoutException e =
        new LeakproofMongoTimeoutException(
            d.getMessage() + "\nDriver: " + driverException.getMessage(),
            driverException,
            d.stats(),
            d.longestHeld());
    return e;
  }

  // ------------------------------------------------------------------ held too long

  /**
   * Reports every checkout held past the leak-warning threshold that was not reported yet.
   *
   * @param now the ticker's time
   * @return how many were reported
   */
  public int sweep(long now) {
    long threshold = config.leakWarningThreshold().toNanos();
    if (threshold == 0) {
      return 0;
    }
    int n = 0;
    for (Checkout c : held.values()) {
      if (!c.reported && now - c.atNanos >= threshold) {
        c.reported = true;
        n++;
        c.server.leaksSuspected.increment();
        if (c.callSite != null) {
          sites.suspected(c.callSite);
        }
        escalate(now);
        LeaseSnapshot l = c.snapshot(name, now);
        reporter.report(
            MongoLeakReport.Kind.HELD_TOO_LONG,
            diagnosis.heldTooLong(l, threshold),
            c.callSite,
            l.threadDescription(),
            now - c.atNanos);
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ reading

  private List<LeaseSnapshot> holders(ServerPool only, long now) {
    List<LeaseSnapshot> out = new ArrayList<>();
    for (Checkout c : held.values()) {
      if (only == null || c.server == only) {
        out.add(c.snapshot(name, now));
      }
    }
    out.sort(Comparator.comparing(LeaseSnapshot::held).reversed());
    return out;
  }

  /** Every checkout held now, longest first. */
  public List<LeaseSnapshot> dump() {
    return holders(null, ticker.read());
  }

  /** Per-call-site statistics, most checkouts first. */
  public List<CallSiteStats> callSites() {
    return sites.snapshot();
  }

  /** Each server's pool. */
  public Map<String, MongoPoolStats> serverStats() {
    Map<String, MongoPoolStats> out = new LinkedHashMap<>();
    servers.forEach((k, v) -> out.put(k, v.stats(0, v.cursorLeaks.sum(), 0)));
    return out;
  }

  /** All servers' pools summed, with the client-wide cursor and session counts. */
  public MongoPoolStats stats() {
    List<MongoPoolStats> all = new ArrayList<>();
    servers.values().forEach(v -> all.add(v.stats(0, 0, 0)));
    return StatsSum.sum(all, cursorsOpen.sum(), cursorLeaks.sum(), sessionLeaks.sum());
  }
}
