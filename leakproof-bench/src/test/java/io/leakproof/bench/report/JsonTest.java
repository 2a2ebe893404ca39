package io.leakproof.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsWhatJmhWrites() {
    Object v =
        Json.parse(
            "[ { \"benchmark\" : \"a.B.c\", \"threads\" : 8, \"score\" : 1.5E3,"
                + " \"err\" : \"NaN\", \"args\" : [ \"-Xmx1g\" ], \"ok\" : true, \"x\" : null,"
                + " \"s\" : \"q\\\"\\u00b7\" } ]");
    assertThat(v).isInstanceOf(List.class);
    Map<?, ?> m = (Map<?, ?>) ((List<?>) v).get(0);
    assertThat(m.get("benchmark")).isEqualTo("a.B.c");
    assertThat(m.get("threads")).isEqualTo(8.0);
    assertThat(m.get("score")).isEqualTo(1500.0);
    assertThat(m.get("args")).isEqualTo(List.of("-Xmx1g"));
    assertThat(m.get("ok")).isEqualTo(true);
    assertThat(m.containsKey("x")).isTrue();
    assertThat(m.get("s")).isEqualTo("q\"\u00b7");
  }

  @Test
  void rejectsBrokenInputSayingWhere() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON: expected ':' at offset 5");
  }
}
