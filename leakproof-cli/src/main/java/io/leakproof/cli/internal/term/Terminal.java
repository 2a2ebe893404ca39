package io.leakproof.cli.internal.term;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import java.util.Locale;

/**
 * Where a command writes, and what that place can show: whether it is an interactive terminal
 * (then a status line is redrawn in place) and whether colour is welcome.
 *
 * <p>Colour follows the usual conventions: off when the output is not a terminal, when {@code
 * NO_COLOR} is set or when {@code TERM=dumb}; {@code LEAKPROOF_COLOR=always} forces it on.
 */
public final class Terminal {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean interactive;
  private final boolean color;
  private volatile int width; // 0 until first asked

  /**
   * Creates a terminal over the given writers.
   *
   * @param out standard output
   * @param err standard error
   * @param interactive whether {@code out} is an interactive terminal
   * @param color whether ANSI colours may be used
   */
  public Terminal(PrintWriter out, PrintWriter err, boolean interactive, boolean color) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.color = color;
  }

  /**
   * Detects whether standard output is a terminal and whether colour is wanted.
   *
   * @param out standard output
   * @param err standard error
   * @return the terminal
   */
  public static Terminal detect(PrintWriter out, PrintWriter err) {
    boolean tty = stdoutIsTerminal();
    String term = System.getenv("TERM");
    boolean color =
        "always".equals(System.getenv("LEAKPROOF_COLOR"))
            || (tty && System.getenv("NO_COLOR") == null && !"dumb".equals(term));
    return new Terminal(out, err, tty, color);
  }

  private static boolean stdoutIsTerminal() {
    Path fd1 = Path.of("/proc/self/fd/1");
    if (Files.exists(fd1, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(fd1).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (java.io.IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    // Elsewhere (macOS), ask the console. JDK 22+ always has one and says via isTerminal().
    java.io.Console console = System.console();
    @SuppressWarnings("SystemConsoleNull") // JDK 21 returns null when not on a terminal; 22+ does not
    boolean none = console == null;
    if (none) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  /** Returns standard output. */
  public PrintWriter out() {
    return out;
  }

  /** Returns standard error. */
  public PrintWriter err() {
    return err;
  }

  /** Returns whether standard output is an interactive terminal. */
  public boolean interactive() {
    return interactive;
  }

  /** Returns whether ANSI colours are used. */
  public boolean color() {
    return color;
  }

  /**
   * Returns the terminal's width in columns: {@code COLUMNS} if exported, else what {@code stty}
   * says about the controlling terminal, else 100.
   *
   * @return the width
   */
  public int width() {
    int w = width;
    if (w == 0) {
      w = detectWidth();
      width = w;
    }
    return w;
  }

  private int detectWidth() {
    String columns = System.getenv("COLUMNS");
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.trim());
        if (n >= 40) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    if (interactive && Files.exists(Path.of("/dev/tty"))) {
      try {
        Process p =
            new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (p.waitFor() == 0) {
          String[] parts = out.split(" ", -1);
          if (parts.length == 2) {
            int n = Integer.parseInt(parts[1]);
            if (n >= 40) {
              return n;
            }
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        // fall through
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 100;
  }

  /** Bold text. */
  public String bold(String s) {
    return style("1", s);
  }

  /** Dim text. */
  public String dim(String s) {
    return style("2", s);
  }

  /** Red text: failures, timeouts. */
  public String red(String s) {
    return style("31", s);
  }

  /** Green text: success, reclaimed leaks. */
  public String green(String s) {
    return style("32", s);
  }

  /** Yellow text: warnings, reported leaks. */
  public String yellow(String s) {
    return style("33", s);
  }

  /** Cyan text: headings, names. */
  public String cyan(String s) {
    return style("36", s);
  }

  private String style(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /**
   * Pads text on the right to a width.
   *
   * @param s the text
   * @param width the width
   * @return the padded text
   */
  public static String padRight(String s, int width) {
    int gap = width - visibleLength(s);
    return gap <= 0 ? s : s + " ".repeat(gap);
  }

  /**
   * Returns the number of columns a string takes, ignoring ANSI escapes.
   *
   * @param s the string
   * @return its visible length
   */
  public static int visibleLength(String s) {
    return stripAnsi(s).codePointCount(0, stripAnsi(s).length());
  }

  /**
   * Removes ANSI escape sequences.
   *
   * @param s the string
   * @return the string without escapes
   */
  public static String stripAnsi(String s) {
    return s.indexOf('\u001b') < 0 ? s : s.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
  }

  /**
   * Formats with the root locale (a dot for decimals, whatever the machine's locale).
   *
   * @param format the format
   * @param args the arguments
   * @return the text
   */
  @FormatMethod
  public static String fmt(@FormatString String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
