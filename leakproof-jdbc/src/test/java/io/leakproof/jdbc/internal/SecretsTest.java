package io.leakproof.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Passwords are masked in URLs, properties and exception chains. */
class SecretsTest {

  private static final String SECRET = "hunter2-xyz";

  @Test
  void urlCredentialsAreMaskedInEveryForm() {
    assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=" + SECRET + "&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
    assertThat(Secrets.maskUrl("jdbc:mysql://u:" + SECRET + "@h:3306/db"))
        .isEqualTo("jdbc:mysql://u:****@h:3306/db");
    assertThat(Secrets.maskUrl("jdbc:sqlserver://h;user=u;password=" + SECRET + ";encrypt=true"))
        .isEqualTo("jdbc:sqlserver://h;user=u;password=****;encrypt=true");
    assertThat(Secrets.maskUrl("jdbc:h2:mem:x;USER=sa;PASSWORD=" + SECRET))
        .isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=****");
    assertThat(Secrets.maskUrl("jdbc:oracle:thin:scott/" + SECRET + "@h:1521/orcl"))
        .isEqualTo("jdbc:oracle:thin:scott/****@h:1521/orcl");
    assertThat(Secrets.maskUrl("jdbc:mariadb://address=(host=h)(port=3306)(password=" + SECRET + ")/db"))
        .doesNotContain(SECRET);
    assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?sslpassword=" + SECRET))
        .isEqualTo("jdbc:postgresql://h/db?sslpassword=****");
    assertThat(Secrets.maskUrl("jdbc:postgresql://h:5432/db?ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
  }

  @Test
  void exceptionChainIsCopiedOnlyWhenItLeaks() {
    SQLException clean = new SQLException("connection refused", "08001", 7);
    assertThat(Secrets.scrub(clean, SECRET)).isSameAs(clean);

    SQLException root = new SQLException("bad password " + SECRET, "28P01", 1045);
    RuntimeException top = new RuntimeException("wrapped: jdbc:x://h?password=" + SECRET, root);
    Throwable safe = Secrets.scrub(top, SECRET);
    assertThat(safe).isNotSameAs(top);
    assertThat(safe.getMessage()).doesNotContain(SECRET).contains("java.lang.RuntimeException");
    assertThat(safe.getCause()).isInstanceOf(SQLException.class);
    SQLException c = (SQLException) safe.getCause();
    assertThat(c.getMessage()).isEqualTo("bad password ****");
    assertThat(c.getSQLState()).isEqualTo("28P01");
    assertThat(c.getErrorCode()).isEqualTo(1045);
    assertThat(c.getStackTrace()).isEqualTo(root.getStackTrace());
  }
}
