/**
 * {@code leakproof loadtest}: N borrowers each hold a connection with a server-side sleep, pool by
 * pool, while the server's own connection count is sampled throughout (the mgo measurement of
 * docs/articles.md, article 3).
 */
package io.leakproof.cli.internal.loadtest;
