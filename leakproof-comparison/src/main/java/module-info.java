/**
 * The incumbent JDBC pools, configured alike from one {@link io.leakproof.comparison.PeerSettings},
 * for the CLI's side-by-side runs and the benchmarks. Every pool is optional: the module that uses
 * this one puts the pools it compares on its class or module path.
 */
// Vibur, Tomcat JDBC and c3p0 are automatic modules. The pools are optional, so their types in
// Peers' signatures are not re-exported (requires transitive would force every pool on every user).
@SuppressWarnings("requires-automatic")
module io.leakproof.comparison {
  requires transitive java.sql;
  requires static com.zaxxer.hikari;
  requires static io.agroal.api;
  requires static org.vibur.dbcp;
  requires static org.apache.commons.dbcp2;
  requires static tomcat.jdbc;
  requires static com.mchange.v2.c3p0;
  requires static java.desktop; // c3p0's setters throw java.beans.PropertyVetoException
  requires static com.google.errorprone.annotations;

  exports io.leakproof.comparison;
}
