/**
 * OkHttp: {@link io.leakproof.http.okhttp.LeakproofInterceptor}, an application interceptor that
 * bounds calls per host and tracks response bodies. Needs {@code com.squareup.okhttp3:okhttp-jvm}.
 */
package io.leakproof.http.okhttp;
