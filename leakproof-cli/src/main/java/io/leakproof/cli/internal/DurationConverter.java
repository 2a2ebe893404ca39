package io.leakproof.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people write them: {@code 500ms}, {@code 2s}, {@code 1m30s},
 * {@code 1h}, or ISO-8601 ({@code PT1S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  /** Creates the converter (picocli instantiates it). */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a duration.
   *
   * @param value the text
   * @return the duration
   * @throws TypeConversionException if the text is not a duration
   */
  public static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("pt") || v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher m = PART.matcher(v);
    int at = 0;
    Duration total = Duration.ZERO;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      long nanos =
          switch (m.group(2)) {
            case "ms" -> Math.round(n * 1e6);
            case "s" -> Math.round(n * 1e9);
            case "m" -> Math.round(n * 60e9);
            default -> Math.round(n * 3600e9);
          };
      total = total.plusNanos(nanos);
      at = m.end();
    }
    if (at == 0 || at != v.length()) {
      throw invalid(value);
    }
    return total;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a duration (examples: 500ms, 2s, 1m30s, PT1S)");
  }
}
