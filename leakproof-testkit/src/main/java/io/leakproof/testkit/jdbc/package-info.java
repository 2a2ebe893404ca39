/**
 * A stub JDBC driver for benchmarks and tests that must measure or exercise a pool, not a
 * database: {@link io.leakproof.testkit.jdbc.StubDriver} (URL {@code jdbc:stub}, registered with
 * {@link java.sql.DriverManager}) and {@link io.leakproof.testkit.jdbc.StubDataSource} (a vendor
 * {@link javax.sql.DataSource}). Every method returns at once: connections, statements and result
 * sets are small fresh objects, statements execute nothing and result sets are empty.
 */
package io.leakproof.testkit.jdbc;
