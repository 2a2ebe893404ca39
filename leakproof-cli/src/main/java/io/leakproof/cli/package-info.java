/**
 * The entry point of the {@code leakproof} command ({@link io.leakproof.cli.LeakproofCli}).
 * Everything else is internal: the command line is the API.
 */
package io.leakproof.cli;
