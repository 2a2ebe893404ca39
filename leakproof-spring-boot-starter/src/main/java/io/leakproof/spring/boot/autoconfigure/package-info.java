/**
 * Spring Boot auto-configuration for Leakproof: the DataSource, its metrics and JMX registration,
 * the Actuator health contributor and {@code leakproof} endpoint, and the failure analysis of bad
 * settings. Listed in {@code META-INF/spring/...AutoConfiguration.imports}; applications do not
 * reference these classes.
 */
package io.leakproof.spring.boot.autoconfigure;
