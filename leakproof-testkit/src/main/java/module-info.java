/** Leakproof testkit: fakes for the engine's tests and for benchmarks. */
module io.leakproof.testkit {
  requires transitive io.leakproof.core;
  requires transitive java.sql;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.testkit;
  exports io.leakproof.testkit.jdbc;

  provides java.sql.Driver with
      io.leakproof.testkit.jdbc.StubDriver;
}
