package io.leakproof.internal;

import io.leakproof.CallSite;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the call site of an acquisition: the first stack frame whose class is not under one of
 * the skip prefixes (the JDK, Leakproof, and what the user added).
 *
 * <p>Walking the stack costs more than a whole borrow (about a microsecond), which is why capture
 * is sampled by default; this class keeps the walk as cheap as the JDK allows. The walker keeps
 * class references, so skipping a frame is a lookup in a per-class cache ({@link ClassValue})
 * rather than string comparisons; it stops at the first frame kept; and only that frame is
 * resolved to a file and line. The walk functions are fields, so a capture allocates no lambda.
 */
final class CallSites {
  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

  private final String[] skipPrefixes;
  private final boolean stacks;
  private final ClassValue<Boolean> skippedClass =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return skipped(type.getName());
        }
      };
  private final Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> firstKept =
      this::firstKept;
  private final Function<Stream<StackWalker.StackFrame>, StackTraceElement[]> stackFromCallSite =
      this::stackFromCallSite;

  CallSites(List<String> skipPrefixes, boolean stacks) {
    this.skipPrefixes = skipPrefixes.toArray(new String[0]);
    this.stacks = stacks;
  }

  boolean capturesStacks() {
    return stacks;
  }

  /** Returns the call site of the current thread's acquisition, or {@code null} if none. */
  CallSite capture() {
    StackWalker.StackFrame f = WALKER.walk(firstKept);
    if (f == null) {
      return null;
    }
    StackTraceElement e = f.toStackTraceElement();
    return new CallSite(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
  }

  /** Returns the current stack from the call site outwards. */
  StackTraceElement[] captureStack() {
    return WALKER.walk(stackFromCallSite);
  }

  private StackTraceElement[] stackFromCallSite(Stream<StackWalker.StackFrame> frames) {
    return frames
        .dropWhile(f -> skippedClass.get(f.getDeclaringClass()))
        .map(StackWalker.StackFrame::toStackTraceElement)
        .toArray(StackTraceElement[]::new);
  }

  private StackWalker.StackFrame firstKept(Stream<StackWalker.StackFrame> frames) {
    Iterator<StackWalker.StackFrame> it = frames.iterator();
    while (it.hasNext()) {
      StackWalker.StackFrame f = it.next();
      if (!skippedClass.get(f.getDeclaringClass())) {
        return f;
      }
    }
    return null;
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
