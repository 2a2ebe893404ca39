/**
 * The {@code leakproof} command: {@code demo}, {@code loadtest} and {@code watch}. Exports only the
 * entry point ({@code io.leakproof.cli}); the commands, the pool adapters and the reports live in
 * {@code io.leakproof.cli.internal…}, and the demo's deliberately leaking workload in
 * {@code com.example.shop}, outside {@code io.leakproof}, so that leak reports point at its lines.
 *
 * <p>The executable jar ({@code target/leakproof.jar}) runs on the class path; this descriptor keeps
 * the module honest at compile time.
 */
@SuppressWarnings("requires-automatic") // H2 and HdrHistogram are automatic modules.
module io.leakproof.cli {
  requires java.sql;
  requires io.leakproof.core;
  requires io.leakproof.jdbc;
  requires io.leakproof.comparison;
  requires java.logging;
  requires info.picocli;
  requires tools.jackson.core;
  requires tools.jackson.databind;
  requires HdrHistogram;
  requires com.github.mustachejava;
  requires com.h2database;
  requires com.zaxxer.hikari;
  requires io.agroal.api;
  requires org.apache.commons.dbcp2;
  requires io.leakproof.http;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.eclipse.jetty.server;
  requires static com.google.errorprone.annotations;

  exports io.leakproof.cli;

  opens io.leakproof.cli.internal to
      info.picocli;
  opens io.leakproof.cli.internal.http to
      info.picocli;
}
