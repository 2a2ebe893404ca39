/**
 * Fakes for tests and benchmarks: {@link io.leakproof.testkit.FakeTicker} (time that moves only
 * when told), {@link io.leakproof.testkit.RecordingListener} (every event, in order) and
 * {@link io.leakproof.testkit.FakeResourceFactory} (counts concurrently open resources and their
 * peak; can be made slow, failing or hanging).
 */
package io.leakproof.testkit;
