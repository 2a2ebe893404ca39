package io.leakproof;

import static java.util.Objects.requireNonNull;

/**
 * Where a lease was acquired: the first stack frame outside Leakproof, the JDK and any package in
 * {@link PoolConfig#callSiteSkipPrefixes()}.
 *
 * @param className the declaring class of the frame, fully qualified
 * @param methodName the method name
 * @param fileName the source file name, or {@code null} when the class has no debug information
 * @param lineNumber the line number, or a negative number when unknown
 */
public record CallSite(String className, String methodName, String fileName, int lineNumber) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if className or methodName is null
   */
  public CallSite {
    requireNonNull(className, "className");
    requireNonNull(methodName, "methodName");
  }

  /**
   * Returns the frame in the form a stack trace prints it, which IDEs turn into a link.
   *
   * @return for example {@code com.example.OrderDao.find(OrderDao.java:42)}
   */
  @Override
  public String toString() {
    String where;
    if (fileName == null) {
      where = "Unknown Source";
    } else if (lineNumber >= 0) {
      where = fileName + ":" + lineNumber;
    } else {
      where = fileName;
    }
    return className + "." + methodName + "(" + where + ")";
  }
}
