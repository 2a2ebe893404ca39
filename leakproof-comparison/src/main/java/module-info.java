/**
 * The incumbent JDBC pools, configured alike from one {@link io.leakproof.comparison.PeerSettings},
 * for the CLI's side-by-side runs and the benchmarks. Every pool is optional: the module that uses
 * this one puts the pools it compares on its class or module path.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Vibur, Tomcat JDBC, c3p0
module io.leakproof.comparison {
  requires transitive java.sql;
  requires static transitive com.zaxxer.hikari;
  requires static transitive io.agroal.api;
  requires static transitive org.vibur.dbcp;
  requires static transitive org.apache.commons.dbcp2;
  requires static transitive tomcat.jdbc;
  requires static transitive com.mchange.v2.c3p0;
  requires static java.desktop; // c3p0's setters throw java.beans.PropertyVetoException
  requires static com.google.errorprone.annotations;

  exports io.leakproof.comparison;
}
