package io.leakproof.internal;

import io.leakproof.CallSite;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the call site of an acquisition: the first stack frame whose class is not under one of
 * the skip prefixes (the JDK, Leakproof, and what the user added).
 *
 * <p>Walking the stack costs more than a whole borrow (about a microsecond), which is why
 * capture is sampled by default. The walker is lazy: it stops at the first frame that is not
 * skipped unless the whole stack was asked for.
 */
final class CallSites {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final String[] skipPrefixes;
  private final boolean stacks;

  CallSites(List<String> skipPrefixes, boolean stacks) {
    this.skipPrefixes = skipPrefixes.toArray(new String[0]);
    this.stacks = stacks;
  }

  boolean capturesStacks() {
    return stacks;
  }

  /** Returns the call site of the current thread's acquisition, or {@code null} if none. */
  CallSite capture() {
    return WALKER.walk(this::firstOutside);
  }

  /** Returns the current stack from the call site outwards. */
  StackTraceElement[] captureStack() {
    return WALKER.walk(
        frames ->
            frames
                .dropWhile(f -> skipped(f.getClassName()))
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
  }

  private CallSite firstOutside(Stream<StackWalker.StackFrame> frames) {
    Optional<StackWalker.StackFrame> first =
        frames.filter(f -> !skipped(f.getClassName())).findFirst();
    if (first.isEmpty()) {
      return null;
    }
    StackWalker.StackFrame f = first.get();
    return new CallSite(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
  }

  boolean skipped(String className) {
    for (String p : skipPrefixes) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
