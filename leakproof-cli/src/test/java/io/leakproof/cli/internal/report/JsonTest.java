package io.leakproof.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesNestedValuesAndKeepsScriptTagsOutOfStrings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "a \"b\"\n</script>");
    m.put("values", new double[] {1, 2.5, Double.NaN});
    m.put("list", List.of(1L, true, 0.123456, 1234.5678));
    m.put("none", null);
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"name\":\"a \\\"b\\\"\\n\\u003C/script>\",\"values\":[1,2.5,null],\"list\":[1,true,0.1235,1235],\"none\":null}");
  }
}
