/**
 * The HTTP demo's workload, outside {@code io.leakproof} so that leak reports point at its lines:
 * a client of a price service, one of whose paths forgets to close the response.
 */
package com.example.shop.http;
