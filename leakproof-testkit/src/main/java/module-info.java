/** Leakproof testkit: fakes for the engine's tests and for benchmarks. */
module io.leakproof.testkit {
  requires transitive io.leakproof.core;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.testkit;
}
