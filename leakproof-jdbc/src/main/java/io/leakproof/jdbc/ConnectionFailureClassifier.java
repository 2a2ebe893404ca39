package io.leakproof.jdbc;

import io.leakproof.jdbc.internal.StandardFailureClassifier;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Decides whether an SQLException means the connection itself is broken (the network failed, the
 * server ended the session) rather than only the statement. A broken connection is closed when its
 * borrower gives it back, never lent again, and the pool re-validates every other connection
 * before lending it (a server restart breaks them all at once).
 *
 * <p>Every SQLException a Leakproof wrapper sees is passed here, on the borrower's thread, so an
 * implementation must be fast and must not throw.
 *
 * <pre>{@code
 * DataSourceConfig config = DataSourceConfig.builder()
 *     .jdbcUrl("jdbc:postgresql://db/app")
 *     .failureClassifier(ConnectionFailureClassifier.standard()
 *         .or((e, product) -> "XX000".equals(e.getSQLState())))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionFailureClassifier {

  /**
   * Classifies a failure.
   *
   * @param failure what the driver threw
   * @param databaseProduct the connection's {@code DatabaseMetaData.getDatabaseProductName()}
   *     ("PostgreSQL", "MariaDB", "MySQL", "H2"...), or {@code ""} when unknown
   * @return {@code true} if the connection must not be used again
   */
  boolean isBroken(SQLException failure, String databaseProduct);

  /**
   * Returns the built-in classifier: any SQLState of class 08 (connection exception), PostgreSQL's
   * 57P01 to 57P05 (administrator shutdown, crash shutdown, cannot connect now, database dropped,
   * idle-session timeout), {@code SQLNonTransientConnectionException} and
   * {@code SQLRecoverableException}, and the vendor error codes listed in docs/jdbc.md for
   * MariaDB/MySQL, H2 and Oracle. It looks at the whole chain of causes and next exceptions.
   *
   * @return the standard classifier
   */
  static ConnectionFailureClassifier standard() {
    return StandardFailureClassifier.INSTANCE;
  }

  /**
   * Combines this classifier with another: broken if either says so.
   *
   * @param other the other classifier
   * @return the combination
   * @throws NullPointerException if other is null
   */
  default ConnectionFailureClassifier or(ConnectionFailureClassifier other) {
    Objects.requireNonNull(other, "other");
    return (e, product) -> isBroken(e, product) || other.isBroken(e, product);
  }
}
