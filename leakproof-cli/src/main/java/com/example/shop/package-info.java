/**
 * The demo's shop: a small service on plain JDBC whose code is mostly right and, in four places,
 * wrong in the ways real services leak connections (see each class). It lives outside {@code
 * io.leakproof} on purpose: pools report leaks at the first frame outside themselves, so the
 * reports point here, at the lines a developer would have to fix.
 */
package com.example.shop;
