package io.leakproof.mongodb;

import com.mongodb.client.MongoClient;
import io.leakproof.CallSiteStats;
import io.leakproof.LeaseSnapshot;
import java.util.List;
import java.util.Map;

/**
 * A {@link MongoClient} watched by Leakproof: what it returns (databases, collections, iterables,
 * cursors, sessions) is watched too. Obtain one from {@link LeakproofMongo}. Everything else
 * behaves as the driver's client: it is a thin layer over it.
 */
public interface LeakproofMongoClient extends MongoClient {
  /**
   * Returns the name given in {@link MongoConfig#name()}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the state of all the client's connection pools, summed over servers.
   *
   * @return a snapshot
   */
  MongoPoolStats stats();

  /**
   * Returns the state of each server's connection pool.
   *
   * @return snapshots by server address ({@code host:port})
   */
  Map<String, MongoPoolStats> serverStats();

  /**
   * Returns every checkout held now, longest first: the client's answer to a goroutine dump.
   *
   * @return the checkouts
   */
  List<LeaseSnapshot> dump();

  /**
   * Returns the statistics of each captured call site, most checkouts first.
   *
   * @return the call sites
   */
  List<CallSiteStats> callSites();

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  MongoConfig leakproofConfig();
}
