package io.leakproof.cli.internal.report;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@link Map} (string keys, kept in iteration order), {@link
 * List}, {@code double[]}, {@code long[]}, {@link Number}, {@link String}, {@link Boolean} and
 * {@code null}. Non-finite numbers become {@code null}. Enough for reports and {@code --json}
 * output without a dependency.
 */
public final class Json {
  private Json() {}

  /**
   * Serializes a value.
   *
   * @param value the value
   * @return compact JSON
   * @throws IllegalArgumentException for a type it does not know
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    switch (value) {
      case null -> sb.append("null");
      case String s -> quote(sb, s);
      case Boolean b -> sb.append(b);
      case Double d -> number(sb, d);
      case Float f -> number(sb, f);
      case Number n -> sb.append(n);
      case double[] a -> {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) {
            sb.append(',');
          }
          number(sb, a[i]);
        }
        sb.append(']');
      }
      case long[] a -> {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) {
            sb.append(',');
          }
          sb.append(a[i]);
        }
        sb.append(']');
      }
      case Map<?, ?> m -> {
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          quote(sb, String.valueOf(e.getKey()));
          sb.append(':');
          write(sb, e.getValue());
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, l.get(i));
        }
        sb.append(']');
      }
      default ->
          throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void number(StringBuilder sb, double d) {
    if (!Double.isFinite(d)) {
      sb.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      sb.append((long) d);
    } else {
      sb.append(String.format(Locale.ROOT, "%.4g", d).replaceAll("\\.?0+(e|$)", "$1"));
    }
  }

  /**
   * Quotes a string.
   *
   * @param s the string
   * @return the JSON string literal
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    quote(sb, s);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c"); // keeps "</script>" out of an inline script
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
