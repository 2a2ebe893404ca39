package io.leakproof.cli.internal.pool;

import java.util.List;

/**
 * Finds the borrower's line in an acquisition stack: the first frame outside the JDK, the pools,
 * the drivers and Leakproof itself, the same rule Leakproof's call-site capture uses.
 */
public final class UserFrames {
  /** Packages that are never the borrower's code. */
  private static final List<String> SKIP =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "io.leakproof.",
          "com.zaxxer.hikari.",
          "io.agroal.",
          "org.apache.commons.",
          "org.h2.",
          "org.postgresql.",
          "org.mariadb.",
          "picocli.");

  private UserFrames() {}

  /**
   * Returns the first frame of borrower code.
   *
   * @param stack an acquisition stack, innermost frame first
   * @return the frame as a stack trace prints it, or null if every frame is skipped
   */
  public static String first(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (!skipped(e.getClassName())) {
        return e.getClassName()
            + "."
            + e.getMethodName()
            + "("
            + (e.getFileName() == null ? "Unknown Source" : e.getFileName())
            + (e.getLineNumber() >= 0 ? ":" + e.getLineNumber() : "")
            + ")";
      }
    }
    return null;
  }

  /**
   * Returns the first frame of borrower code on the calling thread's stack.
   *
   * @return the frame as a stack trace prints it, or null if every frame is skipped
   */
  public static String current() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !skipped(f.getClassName()))
                    .findFirst()
                    .map(f -> first(new StackTraceElement[] {f.toStackTraceElement()}))
                    .orElse(null));
  }

  /**
   * Returns the frame named by one line of a printed stack trace, if it is borrower code.
   *
   * @param line for example {@code \tat app//com.example.Dao.find(Dao.java:42)}
   * @return {@code com.example.Dao.find(Dao.java:42)}, or null if the line is no frame or a
   *     skipped one
   */
  public static String fromTraceLine(String line) {
    String t = line.strip();
    if (!t.startsWith("at ")) {
      return null;
    }
    t = t.substring(3).strip();
    int paren = t.indexOf('(');
    int slash = t.indexOf('/');
    if (slash >= 0 && (paren < 0 || slash < paren)) {
      t = t.substring(t.lastIndexOf('/', paren < 0 ? t.length() : paren) + 1);
    }
    return skipped(t) ? null : t;
  }

  private static boolean skipped(String className) {
    for (String prefix : SKIP) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
