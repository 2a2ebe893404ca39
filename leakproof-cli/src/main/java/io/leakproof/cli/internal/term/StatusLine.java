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
  private int drawnLines;

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
   * Shows the status: one or more lines, redrawn in place on a terminal, joined into one line
   * elsewhere.
   *
   * @param lines the text, without line breaks
   */
  public void update(String... lines) {
    if (terminal.interactive()) {
      terminal.out().print(frame(lines));
      terminal.out().flush();
      drawnLines = lines.length;
      return;
    }
    long now = System.nanoTime();
    if (lastPlainNanos == Long.MIN_VALUE || now - lastPlainNanos >= plainEveryNanos) {
      lastPlainNanos = now;
      terminal.out().println(plain(lines));
      terminal.out().flush();
    }
  }

  /**
   * Ends the status: on a terminal, leaves the last state visible and moves below it; otherwise
   * prints the last state once more.
   *
   * @param lines the final text
   */
  public void finish(String... lines) {
    if (terminal.interactive()) {
      terminal.out().println(frame(lines));
    } else {
      terminal.out().println(plain(lines));
    }
    terminal.out().flush();
    drawnLines = 0;
  }

  private String frame(String[] lines) {
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 1) {
      sb.append("\u001b[").append(drawnLines - 1).append('F');
    }
    sb.append('\r');
    for (int i = 0; i < lines.length; i++) {
      sb.append("\u001b[2K").append(clip(lines[i]));
      if (i < lines.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String plain(String[] lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (sb.length() > 0) {
        sb.append(" │ ");
      }
      sb.append(Terminal.stripAnsi(line).strip());
    }
    return "  " + sb;
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
