package io.leakproof.mongodb;

import io.leakproof.CallSite;
import java.time.Duration;

/**
 * One report of the MongoDB leak detectors, as logged and as given to
 * {@link MongoConfig.Builder#listener listeners}.
 *
 * @param kind what was found
 * @param poolName the client's {@link MongoConfig#name()}
 * @param message the full message, as logged
 * @param callSite where the leaked object was opened or the checkout made, or {@code null}
 * @param thread the thread that opened it, as a thread dump names it
 * @param age how long it had been open or held
 */
public record MongoLeakReport(
    Kind kind, String poolName, String message, CallSite callSite, String thread, Duration age) {

  /** What a report is about. */
  public enum Kind {
    /** A cursor garbage-collected while its server-side cursor was open; it was killed. */
    CURSOR_LEAK,
    /** A {@code ClientSession} garbage-collected without {@code close()}; it was closed. */
    SESSION_LEAK,
    /** A {@code MongoClient} garbage-collected without {@code close()}; it was closed. */
    CLIENT_LEAK,
    /** More clients open to one cluster than {@link MongoConfig#maxClientsPerCluster()}. */
    TOO_MANY_CLIENTS,
    /** A checkout held past {@link MongoConfig#leakWarningThreshold()}. */
    HELD_TOO_LONG,
    /** A checkout reported as held too long came back. */
    HELD_RETURNED
  }
}
