/** Leakproof core. */
module io.leakproof.core {
  requires static com.google.errorprone.annotations;
  requires jdk.jfr;
  exports io.leakproof;
}
