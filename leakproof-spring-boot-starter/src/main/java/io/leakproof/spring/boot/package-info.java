/**
 * Leakproof for Spring Boot: the types an application may use, {@link
 * io.leakproof.spring.boot.LeakproofDataSourceCustomizer} to change settings in code and {@link
 * io.leakproof.spring.boot.InvalidLeakproofSettingException}, the start-up failure a bad setting
 * causes. The auto-configuration lives in {@code io.leakproof.spring.boot.autoconfigure}.
 */
package io.leakproof.spring.boot;
