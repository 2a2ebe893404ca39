/**
 * The JDBC adapter's API: {@link io.leakproof.jdbc.LeakproofDataSource}, its configuration
 * {@link io.leakproof.jdbc.DataSourceConfig}, and the small types they use (credentials, isolation
 * levels, the broken-connection classifier, statement-leak reports).
 */
package io.leakproof.jdbc;
