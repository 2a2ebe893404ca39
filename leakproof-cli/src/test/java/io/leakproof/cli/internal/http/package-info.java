/** Tests of {@code leakproof http-demo}. */
package io.leakproof.cli.internal.http;
