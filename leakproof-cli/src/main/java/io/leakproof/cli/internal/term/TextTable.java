package io.leakproof.cli.internal.term;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with aligned columns: the first column left-aligned (labels), the others
 * right-aligned (numbers) unless told otherwise. Cells may carry ANSI colour; widths ignore it.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] leftAligned;

  /**
   * Creates a table.
   *
   * @param header the column titles
   */
  public TextTable(String... header) {
    this.header = List.of(header);
    this.leftAligned = new boolean[header.length];
    leftAligned[0] = true;
  }

  /**
   * Left-aligns a column (text rather than numbers).
   *
   * @param column the column index
   * @return this table
   */
  public TextTable leftAlign(int column) {
    leftAligned[column] = true;
    return this;
  }

  /**
   * Adds a row; missing cells are empty.
   *
   * @param cells the cells
   * @return this table
   */
  public TextTable row(String... cells) {
    List<String> row = new ArrayList<>(List.of(cells));
    while (row.size() < header.size()) {
      row.add("");
    }
    rows.add(row);
    return this;
  }

  /**
   * Renders the table.
   *
   * @param terminal for header styling
   * @param indent spaces before every line
   * @return the lines, each ending with a line break
   */
  public String render(Terminal terminal, int indent) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Terminal.visibleLength(header.get(c));
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], Terminal.visibleLength(row.get(c)));
      }
    }
    StringBuilder sb = new StringBuilder();
    String pad = " ".repeat(indent);
    StringBuilder head = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      head.append(c == 0 ? "" : "   ").append(align(header.get(c), widths[c], leftAligned[c]));
    }
    sb.append(pad).append(terminal.bold(head.toString().stripTrailing())).append('\n');
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    total += 3 * (widths.length - 1);
    sb.append(pad).append(terminal.dim("─".repeat(total))).append('\n');
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        line.append(c == 0 ? "" : "   ").append(align(row.get(c), widths[c], leftAligned[c]));
      }
      sb.append(pad).append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String align(String cell, int width, boolean left) {
    int gap = width - Terminal.visibleLength(cell);
    if (gap <= 0) {
      return cell;
    }
    return left ? cell + " ".repeat(gap) : " ".repeat(gap) + cell;
  }
}
