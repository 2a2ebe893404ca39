package io.leakproof.cli.internal.report;

import java.math.BigDecimal;
import java.math.MathContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes the CLI's JSON ({@code watch --json} lines, the reports' chart data) with Jackson, set up
 * for what the CLI needs: maps keep their iteration order; a non-finite number becomes {@code null}
 * (a chart gap, where Jackson would write the string {@code "NaN"}); a fractional number keeps four
 * significant digits, which is all a chart or a reader needs and keeps a report with thousands of
 * points small; {@code <} is written as a Unicode escape, so a string can never close the inline
 * {@code <script>} a report embeds it in.
 */
public final class Json {
  /** Significant digits kept of a fractional number. */
  private static final MathContext DIGITS = new MathContext(4);

  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().characterEscapes(new ScriptSafe()).build())
          .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .addModule(
              new SimpleModule("leakproof-cli")
                  .addSerializer(Double.class, new DoubleSerializer())
                  .addSerializer(Float.class, new FloatSerializer())
                  .addSerializer(double[].class, new DoubleArraySerializer()))
          .build();

  private Json() {}

  /**
   * Serializes a value: maps, lists, arrays, numbers, strings, booleans, null, and records.
   *
   * @param value the value
   * @return compact JSON
   * @throws tools.jackson.core.JacksonException for a value Jackson cannot serialize
   */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  private static void number(JsonGenerator g, double d) {
    if (!Double.isFinite(d)) {
      g.writeNull();
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      g.writeNumber((long) d);
    } else {
      g.writeNumber(new BigDecimal(d).round(DIGITS).stripTrailingZeros());
    }
  }

  private static final class DoubleSerializer extends StdSerializer<Double> {
    DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator g, SerializationContext ctx) {
      number(g, value);
    }
  }

  private static final class FloatSerializer extends StdSerializer<Float> {
    FloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator g, SerializationContext ctx) {
      number(g, value);
    }
  }

  private static final class DoubleArraySerializer extends StdSerializer<double[]> {
    DoubleArraySerializer() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] values, JsonGenerator g, SerializationContext ctx) {
      g.writeStartArray(values, values.length);
      for (double d : values) {
        number(g, d);
      }
      g.writeEndArray();
    }
  }

  /** JSON's own escapes plus {@code <}, so that {@code </script>} never appears in the output. */
  private static final class ScriptSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    ScriptSafe() {
      int[] e = standardAsciiEscapesForJSON();
      e['<'] = ESCAPE_STANDARD;
      escapes = e;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // only standard escapes
    }
  }
}
