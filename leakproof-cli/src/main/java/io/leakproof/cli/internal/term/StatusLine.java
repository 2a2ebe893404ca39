package io.leakproof.cli.internal.term;

import java.util.concurrent.TimeUnit;

/**
 * A progress line while a command runs. On an interactive terminal it is redrawn in place
 * (carriage return and erase-line); otherwise, so that CI logs stay readable, it is printed as an
 * ordinary line at most once per {@code plainEvery}.
 *
 * <p>Not thread-safe: one thread (the command's sampling loop) draws it.
 */
public final class StatusLine {
  private final Terminal terminal;
  private final long plainEveryNanos;
  private long lastPlainNanos = Long.MIN_VALUE;
  private boolean drawn;

  /**
   * Creates a status line.
   *
   * @param terminal where to draw
   * @param plainEveryMillis how often to print a line when the output is not a terminal
   */
  public StatusLine(Terminal terminal, long plainEveryMillis) {
    this.terminal = terminal;
    this.plainEveryNanos = TimeUnit.MILLISECONDS.toNanos(plainEveryMillis);
  }

  /**
   * Shows the line.
   *
   * @param line the text, without a line break
   */
  public void update(String line) {
    if (terminal.interactive()) {
      terminal.out().print("\r\u001b[2K" + clip(line));
      terminal.out().flush();
      drawn = true;
      return;
    }
    long now = System.nanoTime();
    if (lastPlainNanos == Long.MIN_VALUE || now - lastPlainNanos >= plainEveryNanos) {
      lastPlainNanos = now;
      terminal.out().println(Terminal.stripAnsi(line));
      terminal.out().flush();
    }
  }

  /**
   * Ends the line: on a terminal, leaves the last state visible and moves to the next line;
   * otherwise prints the last state once more.
   *
   * @param line the final text
   */
  public void finish(String line) {
    if (terminal.interactive()) {
      terminal.out().println("\r\u001b[2K" + clip(line));
    } else {
      terminal.out().println(Terminal.stripAnsi(line));
    }
    terminal.out().flush();
    drawn = false;
  }

  /** Erases the line (on a terminal) so that other output can follow. */
  public void clear() {
    if (terminal.interactive() && drawn) {
      terminal.out().print("\r\u001b[2K");
      terminal.out().flush();
      drawn = false;
    }
  }

  private String clip(String line) {
    int width = terminal.width() - 1;
    if (Terminal.visibleLength(line) <= width) {
      return line;
    }
    // Colour codes make exact clipping awkward; drop them rather than wrap onto a second line.
    String plain = Terminal.stripAnsi(line);
    return plain.substring(0, Math.max(0, width - 1)) + "…";
  }

  /**
   * Draws a progress bar.
   *
   * @param fraction done, between 0 and 1
   * @param cells the bar's width in characters
   * @return the bar, for example {@code ▕██████░░░░▏}
   */
  public static String bar(double fraction, int cells) {
    double f = Math.max(0, Math.min(1, fraction));
    int full = (int) Math.round(f * cells);
    return "▕" + "█".repeat(full) + "░".repeat(cells - full) + "▏";
  }
}
