package io.leakproof.mongodb.internal;

import io.leakproof.CallSite;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the application's frame in the current stack: the first one outside the JDK, the MongoDB
 * driver, Leakproof, the proxy classes and the user's skip prefixes. Skip decisions are cached
 * per class ({@link ClassValue}); only the kept frame is resolved to a file and line.
 */
final class CallSiteCapturer {
  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

  /** What is never the application's code. */
  private static final List<String> BUILT_IN_SKIPS =
      List.of(
          "java.", "javax.", "jdk.", "sun.", "com.sun.", "com.mongodb.", "org.bson.",
          "io.leakproof.mongodb.internal.",
          "io.leakproof.mongodb.LeakproofMongo", "io.leakproof.internal.", "$Proxy", "jdk.proxy");

  private final String[] skipPrefixes;
  private final ClassValue<Boolean> skipped =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return skip(type);
        }
      };
  private final Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> firstKept =
      this::firstKept;

  CallSiteCapturer(List<String> userPrefixes) {
    this.skipPrefixes =
        Stream.concat(BUILT_IN_SKIPS.stream(), userPrefixes.stream()).toArray(String[]::new);
  }

  /** Returns the application's frame, or {@code null} when the stack has none. */
  CallSite capture() {
    StackWalker.StackFrame f = WALKER.walk(firstKept);
    if (f == null) {
      return null;
    }
    StackTraceElement e = f.toStackTraceElement();
    return new CallSite(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
  }

  private StackWalker.StackFrame firstKept(Stream<StackWalker.StackFrame> frames) {
    return frames.filter(f -> !skipped.get(f.getDeclaringClass())).findFirst().orElse(null);
  }

  private boolean skip(Class<?> type) {
    if (java.lang.reflect.Proxy.isProxyClass(type)) {
      return true;
    }
    String name = type.getName();
    for (String p : skipPrefixes) {
      if (name.startsWith(p) || (p.startsWith("$") && name.contains(p))) {
        return true;
      }
    }
    return false;
  }
}
