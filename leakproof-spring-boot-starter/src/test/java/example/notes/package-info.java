/** A small Spring Boot application on PostgreSQL for the starter's integration tests, outside io.leakproof (whose frames are never a call site). */
package example.notes;
