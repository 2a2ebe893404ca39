package io.leakproof.mongodb.internal;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoDriverInformation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterSettings;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.Ticker;
import io.leakproof.mongodb.LeakproofMongoClient;
import io.leakproof.mongodb.MongoConfig;
import java.lang.ref.Cleaner;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application's {@link LeakproofMongoClient}: Leakproof's own methods are answered here,
 * {@code close()} ends the client, the rest goes to the driver through {@link DriverHandler}.
 * When the proxy is collected without {@code close()}, the reaper reports it and closes the
 * driver's client ({@link ClientState#run()}).
 */
public final class ClientHandler implements InvocationHandler {
  /** The sweeper checks for long checkouts at most this often. */
  private static final long MIN_SWEEP_MILLIS = 10;

  /** ... and at least this often. */
  private static final long MAX_SWEEP_MILLIS = 1_000;

  private final ClientState state;
  private Cleaner.Cleanable cleanable;

  private ClientHandler(ClientState state) {
    this.state = state;
  }

  /**
   * Creates a watched client.
   *
   * @param settings the application's settings
   * @param config what Leakproof adds
   * @return the client
   */
  public static LeakproofMongoClient create(MongoClientSettings settings, MongoConfig config) {
    CheckoutTracker tracker = new CheckoutTracker(config, Ticker.system());
    CallSite createdAt =
        config.cursorCallSites() == CallSiteCapture.OFF ? null : tracker.capturer().capture();
    MongoClientSettings watched =
        MongoClientSettings.builder(settings)
            .applyToConnectionPoolSettings(b -> b.addConnectionPoolListener(tracker))
            .build();
    MongoClient delegate =
        MongoClients.create(
            watched, MongoDriverInformation.builder().driverName("leakproof").build());
    ClientState state = new ClientState(delegate, tracker, cluster(settings), createdAt);
    ClientHandler h = new ClientHandler(state);
    LeakproofMongoClient proxy =
        (LeakproofMongoClient)
            Proxy.newProxyInstance(
                LeakproofMongoClient.class.getClassLoader(),
                new Class<?>[] {LeakproofMongoClient.class},
                h);
    h.cleanable = Reaper.CLEANER.register(proxy, state);
    long threshold = config.leakWarningThreshold().toMillis();
    if (threshold > 0) {
      long period = Math.clamp(threshold / 4, MIN_SWEEP_MILLIS, MAX_SWEEP_MILLIS);
      state.sweep =
          Reaper.SWEEPER.scheduleAtFixedRate(
              () -> tracker.sweep(tracker.nowNanos()), period, period, TimeUnit.MILLISECONDS);
    }
    ClientRegistry.register(state);
    return proxy;
  }

  /** The cluster's name for the guard: its SRV host, or its seed list. */
  static String cluster(MongoClientSettings settings) {
    ClusterSettings c = settings.getClusterSettings();
    if (c.getSrvHost() != null) {
      return "mongodb+srv://" + c.getSrvHost();
    }
    List<String> hosts = c.getHosts().stream().map(Object::toString).sorted().toList();
    return hosts.stream().collect(Collectors.joining(","));
  }

  /**
   * Returns how many Leakproof clients to the cluster of these settings are open in this JVM.
   *
   * @param settings the settings
   * @return the count the forgotten-client guard uses
   */
  public static int openClients(MongoClientSettings settings) {
    return ClientRegistry.openClients(cluster(settings));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return DriverHandler.objectMethod(proxy, method, args);
    }
    if (method.getDeclaringClass() == LeakproofMongoClient.class) {
      return switch (method.getName()) {
        case "name" -> state.tracker.name();
        case "stats" -> state.tracker.stats();
        case "serverStats" -> state.tracker.serverStats();
        case "dump" -> state.tracker.dump();
        case "callSites" -> state.tracker.callSites();
        case "leakproofConfig" -> state.tracker.config();
        default -> throw new AssertionError("unhandled " + method);
      };
    }
    if (method.getName().equals("close") && method.getParameterCount() == 0) {
      state.closedByUser = true;
      cleanable.clean();
      return null;
    }
    Object result = DriverHandler.call(state.delegate, method, args, state.tracker);
    return DriverHandler.wrap(method, result, state.delegate, proxy, state, proxy);
  }

  /**
   * Returns the tracker of a client made by {@link #create} (for the metrics binder).
   *
   * @param client the client
   * @return its tracker
   * @throws IllegalArgumentException if the client was not made by Leakproof
   */
  public static CheckoutTracker trackerOf(LeakproofMongoClient client) {
    if (Proxy.isProxyClass(client.getClass())
        && Proxy.getInvocationHandler(client) instanceof ClientHandler h) {
      return h.state.tracker;
    }
    throw new IllegalArgumentException(
        "client must come from LeakproofMongo.create but was " + client.getClass().getName());
  }

  @Override
  public String toString() {
    return "client '" + state.tracker.name() + "' for " + state.cluster;
  }
}
