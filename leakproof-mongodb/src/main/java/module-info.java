/**
 * Leakproof for the MongoDB sync driver (5.x, brought by the application): checkout tracking
 * with call sites, a checkout timeout that names the holders, leaked cursors and sessions proven
 * by the garbage collector and killed, and the forgotten-client guard. Exports only the API;
 * the engine is in {@code io.leakproof.mongodb.internal}.
 */
// The driver and Micrometer ship an Automatic-Module-Name, not a module-info; our API returns the
// driver's types, so readers of this module must read the driver too.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.leakproof.mongodb {
  requires transitive io.leakproof.core;
  requires transitive org.mongodb.driver.sync.client;
  requires transitive org.mongodb.driver.core;
  requires transitive org.mongodb.bson;
  requires static transitive micrometer.core;
  requires static io.leakproof.micrometer;
  requires static com.google.errorprone.annotations;
  requires jdk.jfr;

  exports io.leakproof.mongodb;
}
