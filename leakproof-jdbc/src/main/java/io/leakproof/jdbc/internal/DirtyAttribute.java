package io.leakproof.jdbc.internal;

/** A connection attribute a borrower changed, to be restored before the connection is lent again. */
enum DirtyAttribute {
  AUTO_COMMIT,
  ISOLATION,
  READ_ONLY,
  CATALOG,
  SCHEMA,
  NETWORK_TIMEOUT,
  CLIENT_INFO
}
