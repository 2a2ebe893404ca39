/**
 * Leakproof JDBC: {@link io.leakproof.jdbc.LeakproofDataSource}, a {@code javax.sql.DataSource}
 * on the Leakproof engine. Exports only the API ({@code io.leakproof.jdbc}); the wrappers and the
 * connection factory live in {@code io.leakproof.jdbc.internal}.
 */
module io.leakproof.jdbc {
  requires transitive io.leakproof.core;
  requires transitive java.sql;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.jdbc;
}
