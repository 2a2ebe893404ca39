package io.leakproof.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import io.leakproof.mongodb.internal.ClientHandler;
import java.util.Objects;

/**
 * Creates MongoDB clients watched by Leakproof: the one-line change where the application builds
 * its client.
 *
 * <pre>{@code
 * // before: MongoClient client = MongoClients.create(settings);
 * LeakproofMongoClient client = LeakproofMongo.create(settings);
 * }</pre>
 *
 * <p>The client is the driver's own, with a pool listener added: every setting (pool size, wait
 * time, credentials, TLS) means what it means to the driver. What Leakproof adds is in
 * {@link MongoConfig}; docs/mongodb.md has the whole picture.
 */
public final class LeakproofMongo {
  private LeakproofMongo() {}

  /**
   * Creates a client with the default {@link MongoConfig}.
   *
   * @param settings the driver settings
   * @return the client; close it at shutdown
   * @throws NullPointerException if settings is null
   */
  public static LeakproofMongoClient create(MongoClientSettings settings) {
    return create(settings, MongoConfig.defaults());
  }

  /**
   * Creates a client.
   *
   * @param settings the driver settings
   * @param config what Leakproof adds
   * @return the client; close it at shutdown
   * @throws NullPointerException if an argument is null
   */
  public static LeakproofMongoClient create(MongoClientSettings settings, MongoConfig config) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(config, "config");
    return ClientHandler.create(settings, config);
  }

  /**
   * Creates a client from a connection string with the default {@link MongoConfig}.
   *
   * @param connectionString for example {@code mongodb://127.0.0.1:27017/?maxPoolSize=20}
   * @return the client; close it at shutdown
   * @throws IllegalArgumentException if the connection string is invalid (the driver's message)
   */
  public static LeakproofMongoClient create(String connectionString) {
    Objects.requireNonNull(connectionString, "connectionString");
    return create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(connectionString))
            .build());
  }

  /**
   * Returns how many Leakproof clients to the cluster of these settings are open in this JVM
   * (what the forgotten-client guard counts).
   *
   * @param settings the settings that name the cluster
   * @return the count
   */
  public static int openClients(MongoClientSettings settings) {
    return ClientHandler.openClients(settings);
  }
}
