package io.leakproof.mongodb.internal;

import com.mongodb.connection.ConnectionId;
import io.leakproof.CallSite;
import io.leakproof.LeaseSnapshot;
import java.time.Duration;
import java.util.List;

/**
 * One connection checked out now: who holds it, since when, and from where. Created on the
 * borrower's thread by the driver's check-out event; {@link #reported} is set once by the
 * sweeper that reports it as held too long.
 */
final class Checkout {
  final long id;
  final ConnectionId connection;
  final long operationId;
  final ServerPool server;
  final Thread holder;
  final long atNanos;
  final CallSite callSite;
  volatile boolean reported;

  Checkout(
      long id,
      ConnectionId connection,
      long operationId,
      ServerPool server,
      Thread holder,
      long atNanos,
      CallSite callSite) {
    this.id = id;
    this.connection = connection;
    this.operationId = operationId;
    this.server = server;
    this.holder = holder;
    this.atNanos = atNanos;
    this.callSite = callSite;
  }

  LeaseSnapshot snapshot(String pool, long nowNanos) {
    return new LeaseSnapshot(
        pool,
        id,
        connection.getLocalValue(),
        holder.getName(),
        holder.threadId(),
        holder.getState(),
        Duration.ofNanos(Math.max(0, nowNanos - atNanos)),
        callSite,
        List.of(),
        server.address);
  }
}
