/**
 * The JDBC adapter's engine room, not exported: the connection factory the pool uses, the
 * Connection/Statement/ResultSet/DatabaseMetaData wrappers (policy hand-written here, mechanical
 * delegation generated at build time into {@code target/generated-sources/delegation}), secret
 * masking and exception translation.
 */
package io.leakproof.jdbc.internal;
