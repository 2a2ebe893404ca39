package io.leakproof.spi;

import java.time.Duration;

/**
 * Creates, checks, resets and destroys the resources of one pool. Implemented once per kind of
 * resource (the JDBC module implements it for {@code java.sql.Connection}).
 *
 * <p>The pool calls these methods without holding any lock, on its own threads (create,
 * background validation, destroy) or on the borrower's thread (validation on borrow, reset on
 * return). They may block on I/O; they must honour the time limits they are given.
 *
 * @param <R> the resource type
 */
public interface ResourceFactory<R> {

  /**
   * Creates a resource (opens a connection).
   *
   * @param timeout the time left before the pool's creation deadline; set the driver's connect
   *     and login timeouts from it. If the call outlives it, the pool stops waiting for it but
   *     keeps its slot reserved until the call returns, and destroys what it returns.
   * @return a new resource, never {@code null}
   * @throws Exception if the resource cannot be created; the message reaches the timeout
   *     exception of the callers waiting for it, so it must not contain secrets
   */
  R create(Duration timeout) throws Exception;

  /**
   * Checks that an idle resource still works (on borrow after an idle period, and as keepalive).
   *
   * @param resource the resource
   * @param timeout the time allowed
   * @return whether the resource works; {@code false} destroys it
   * @throws Exception if the check fails; treated as {@code false}
   */
  default boolean validate(R resource, Duration timeout) throws Exception {
    return true;
  }

  /**
   * Restores a returned resource to a clean state before it is lent again.
   *
   * @param resource the resource
   * @throws Exception if it cannot be reset; the resource is then destroyed
   */
  default void reset(R resource) throws Exception {}

  /**
   * Destroys a resource (closes the connection). Called exactly once per created resource.
   *
   * @param resource the resource
   * @throws Exception if closing fails; the pool counts the resource as closed anyway
   */
  void destroy(R resource) throws Exception;

  /**
   * Classifies a failure the borrower reported: is the resource broken for good (a network
   * error, a terminated server session), or was it only this operation that failed?
   *
   * @param resource the resource
   * @param failure what using it threw
   * @return {@code true} if the resource must be destroyed instead of lent again
   */
  default boolean isBroken(R resource, Throwable failure) {
    return false;
  }

  /**
   * Describes a resource for dumps and close events, without secrets.
   *
   * @param resource the resource
   * @return a short description, for example {@code PgConnection@1b6d3586}
   */
  default String describe(R resource) {
    return resource.getClass().getSimpleName() + "@" + Integer.toHexString(
        System.identityHashCode(resource));
  }

  /**
   * Names the kind of resource in messages ("could not lend a connection within 30 s").
   *
   * @return a lower-case noun, for example {@code "connection"}; {@code "resource"} by default
   */
  default String resourceKind() {
    return "resource";
  }
}
