/**
 * Leakproof for the MongoDB sync driver: {@link io.leakproof.mongodb.LeakproofMongo} builds a
 * {@link com.mongodb.client.MongoClient} whose checkouts are tracked with their call sites, whose
 * checkout timeouts name the holders, whose leaked cursors and sessions are proven by the garbage
 * collector, reported and killed, and which is itself reported and closed if it is forgotten.
 * See docs/mongodb.md.
 */
package io.leakproof.mongodb;
