package io.leakproof.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.CallSiteCapture;
import io.leakproof.LeakReclaimPolicy;
import io.leakproof.jdbc.internal.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: validation messages, conflicts, loading from text, masking. */
class DataSourceConfigTest {

  private static final String SECRET = "s3cr3t-Pa55w0rd";

  @TempDir Path dir;

  @Test
  void badValueNamesPropertyValueAndRule() {
    assertThatThrownBy(() -> DataSourceConfig.builder().pool(p -> p.maxSize(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSize must be >= 1 but was 0");
    assertThatThrownBy(() -> DataSourceConfig.builder().jdbcUrl("postgresql://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jdbcUrl must be a URL starting with 'jdbc:' but was 'postgresql://x'");
    assertThatThrownBy(() -> DataSourceConfig.builder().queryTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("queryTimeout must be zero (off) or a whole number of seconds")
        .hasMessageEndingWith("but was PT1.5S");
    assertThatThrownBy(() -> DataSourceConfig.builder().networkTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("networkTimeout must be zero (off)");
    assertThatThrownBy(() -> DataSourceConfig.builder().driverProperty("password", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driverProperty name must be not 'user' or 'password'")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void urlWithCredentialsIsMaskedInValidationMessages() {
    assertThatThrownBy(() -> DataSourceConfig.builder().jdbcUrl("jdbc:nosuchdb://u:" + SECRET + "@h/db").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbcUrl must be accepted by a JDBC driver on the class path")
        .hasMessageContaining("jdbc:nosuchdb://u:****@h/db")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void conflictsFailInBuild() {
    assertThatThrownBy(() -> DataSourceConfig.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set jdbcUrl, dataSource or dataSourceClassName");
    assertThatThrownBy(
            () -> Databases.h2().credentials(() -> new Credentials("a", "b")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set only one of password, passwordFile and credentials");
    assertThatThrownBy(
            () ->
                DataSourceConfig.builder()
                    .jdbcUrl(Databases.newH2Url())
                    .username("sa")
                    .credentials(() -> new Credentials("a", "b"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("username (sa) and credentials are both set");
    assertThatThrownBy(
            () -> Databases.h2().driverClassName("org.postgresql.Driver").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("driverClassName (org.postgresql.Driver) does not accept jdbcUrl");
    assertThatThrownBy(() -> Databases.h2().pool(p -> p.minIdle(5).maxSize(2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("minIdle (5) must not exceed maxSize (2)");
  }

  @Test
  void unknownDriverClassFailsAtBuildNamingTheClass() {
    assertThatThrownBy(() -> Databases.h2().driverClassName("com.example.NoSuchDriver").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "driverClassName must name a java.sql.Driver on the class path but was"
                + " 'com.example.NoSuchDriver' (java.lang.ClassNotFoundException");
    assertThatThrownBy(() -> Databases.h2().driverClassName("java.lang.String").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'java.lang.String', which is not one");
  }

  @Test
  void propertiesApplyEverySettingWithUnitsAndDriverProperties() {
    Properties p = new Properties();
    p.setProperty("jdbcUrl", Databases.newH2Url());
    p.setProperty("username", "sa");
    p.setProperty("password", SECRET);
    p.setProperty("maxSize", " 7 ");
    p.setProperty("minIdle", "1");
    p.setProperty("acquireTimeout", "1500ms");
    p.setProperty("idleTimeout", "5m");
    p.setProperty("maxLifetime", "PT1H");
    p.setProperty("leakWarningThreshold", "0");
    p.setProperty("callSiteCapture", "all");
    p.setProperty("leakReclaimPolicy", "reset_and_reuse");
    p.setProperty("isolation", "TRANSACTION_READ_COMMITTED");
    p.setProperty("autoCommit", "false");
    p.setProperty("queryTimeout", "30s");
    p.setProperty("callSiteSkipPrefixes", "org.springframework., com.example.dao.");
    p.setProperty("driver.TRACE_LEVEL_FILE", "0");
    DataSourceConfig c = DataSourceConfig.builder().load(p).build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(7);
    assertThat(c.poolConfig().minIdle()).isEqualTo(1);
    assertThat(c.poolConfig().acquireTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.poolConfig().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.poolConfig().maxLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.poolConfig().leakWarningThreshold()).isZero();
    assertThat(c.poolConfig().callSiteCapture()).isEqualTo(CallSiteCapture.ALL);
    assertThat(c.poolConfig().leakReclaimPolicy()).isEqualTo(LeakReclaimPolicy.RESET_AND_REUSE);
    assertThat(c.poolConfig().callSiteSkipPrefixes()).contains("org.springframework.", "com.example.dao.");
    assertThat(c.isolation()).isEqualTo(IsolationLevel.READ_COMMITTED);
    assertThat(c.autoCommit()).isFalse();
    assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.driverProperties()).containsEntry("TRACE_LEVEL_FILE", "0");
    assertThat(c.credentialSource().get().password()).isEqualTo(SECRET);
    assertThat(c.toString()).contains("password=****").doesNotContain(SECRET);
  }

  @Test
  void prefixedPropertiesIgnoreOtherKeys() {
    Properties p = new Properties();
    p.setProperty("server.port", "8080");
    p.setProperty("leakproof.jdbcUrl", Databases.newH2Url());
    p.setProperty("leakproof.maxSize", "3");
    DataSourceConfig c = DataSourceConfig.builder().load(p, "leakproof.").build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(3);
  }

  @Test
  void unknownKeyIsRejectedWithSuggestion() {
    Properties p = new Properties();
    p.setProperty("maxsize", "3");
    assertThatThrownBy(() -> DataSourceConfig.builder().load(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'maxsize' in properties is not a Leakproof setting; did you mean 'maxSize'?");
  }

  @Test
  void bareNumberDurationIsRejectedNotGuessed() {
    Properties p = new Properties();
    p.setProperty("acquireTimeout", "30");
    assertThatThrownBy(() -> DataSourceConfig.builder().load(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "acquireTimeout must be a duration with a unit (250ms, 30s, 5m, 2h, 1d, PT30S, or 0)"
                + " but was '30' (from key 'acquireTimeout' of properties)");
  }

  @Test
  void badValueFromTextNamesItsSource() {
    Properties p = new Properties();
    p.setProperty("maxSize", "0");
    assertThatThrownBy(() -> DataSourceConfig.builder().load(p))
        .hasMessage("maxSize must be >= 1 but was 0 (from key 'maxSize' of properties)");
    assertThatThrownBy(
            () -> DataSourceConfig.builder().loadEnvironment(Map.of("LEAKPROOF_DETECT_ABANDONED", "yes")))
        .hasMessage(
            "detectAbandoned must be true or false but was 'yes' (from environment variable"
                + " LEAKPROOF_DETECT_ABANDONED)");
  }

  @Test
  void fileIsLoaded() throws IOException {
    Path f = dir.resolve("db.properties");
    Files.writeString(
        f,
        "jdbcUrl=" + Databases.newH2Url() + "\nmaxSize=4\ndriver.MODE=PostgreSQL\n",
        StandardCharsets.UTF_8);
    DataSourceConfig c = DataSourceConfig.builder().loadFile(f).build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(4);
    assertThat(c.driverProperties()).containsEntry("MODE", "PostgreSQL");
    assertThatThrownBy(() -> DataSourceConfig.builder().loadFile(dir.resolve("missing.properties")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a readable properties file");
  }

  @Test
  void environmentVariablesMapToSettingsAndLaterSourcesWin() {
    Properties p = new Properties();
    p.setProperty("maxSize", "4");
    Map<String, String> env =
        Map.of(
            "LEAKPROOF_JDBC_URL", Databases.newH2Url(),
            "LEAKPROOF_USERNAME", "sa",
            "LEAKPROOF_PASSWORD", " " + SECRET,
            "LEAKPROOF_MAX_SIZE", "9",
            "LEAKPROOF_GC_ON_EXHAUSTION", "2s",
            "LEAKPROOF_DRIVER_PROPERTIES", "MODE=PostgreSQL;TRACE_LEVEL_FILE=0",
            "LEAKPROOF_REQUIRE_DATABASES", "true",
            "PATH", "/usr/bin");
    DataSourceConfig c = DataSourceConfig.builder().load(p).loadEnvironment(env).build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(9);
    assertThat(c.poolConfig().gcOnExhaustion()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.driverProperties()).containsEntry("MODE", "PostgreSQL");
    assertThat(c.credentialSource().get().password()).isEqualTo(" " + SECRET); // secrets not trimmed
  }

  @Test
  void misspeltEnvironmentVariableIsRejected() {
    assertThatThrownBy(
            () -> DataSourceConfig.builder().loadEnvironment(Map.of("LEAKPROOF_MAXSIZE", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Environment variable LEAKPROOF_MAXSIZE is not a Leakproof setting; did you mean"
                + " LEAKPROOF_MAX_SIZE?");
    assertThatThrownBy(
            () -> DataSourceConfig.builder().loadEnvironment(Map.of("LEAKPROOF_JDBC_ULR", "x")))
        .hasMessageContaining("did you mean LEAKPROOF_JDBC_URL?");
  }

  @Test
  void everySettingHasAnEnvironmentVariable() {
    assertThat(ConfigLoader.envName("maxSize")).isEqualTo("LEAKPROOF_MAX_SIZE");
    assertThat(ConfigLoader.envName("jdbcUrl")).isEqualTo("LEAKPROOF_JDBC_URL");
    assertThat(ConfigLoader.envName("gcOnExhaustion")).isEqualTo("LEAKPROOF_GC_ON_EXHAUSTION");
    assertThat(ConfigLoader.settingNames()).hasSize(ConfigLoader.settingNames().stream().distinct().toList().size());
  }

  @Test
  void everyTextSettingIsDocumented() throws IOException {
    Path doc = Path.of("..", "docs", "jdbc.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    for (String s : ConfigLoader.settingNames()) {
      assertThat(text).as("docs/jdbc.md documents " + s).contains("`" + s + "`");
      assertThat(text).as("docs/jdbc.md names " + ConfigLoader.envName(s)).contains(ConfigLoader.envName(s));
    }
  }

  @Test
  void passwordFileIsReadForEachConnectionAndMasked() throws IOException {
    Path f = dir.resolve("pw");
    Files.writeString(f, SECRET + "\n", StandardCharsets.UTF_8);
    DataSourceConfig c =
        DataSourceConfig.builder().jdbcUrl(Databases.newH2Url()).username("sa").passwordFile(f).build();
    assertThat(c.credentialSource().get().password()).isEqualTo(SECRET);
    Files.writeString(f, "rotated\n", StandardCharsets.UTF_8);
    assertThat(c.credentialSource().get().password()).isEqualTo("rotated");
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("rotated");
  }

  @Test
  void toStringMasksPasswordsInUrlAndDriverProperties() {
    DataSourceConfig c =
        DataSourceConfig.builder()
            .jdbcUrl(Databases.newH2Url() + ";PASSWORD=" + SECRET)
            .driverProperty("sslpassword", SECRET)
            .build();
    assertThat(c.toString()).doesNotContain(SECRET).contains("PASSWORD=****").contains("sslpassword=****");
    assertThat(new Credentials("u", SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void poolSettingsComeFromPoolConfigOrTheirBuilder() {
    io.leakproof.PoolConfig engine = io.leakproof.PoolConfig.builder().maxSize(7).build();
    DataSourceConfig c =
        Databases.h2().poolConfig(engine).pool(p -> p.minIdle(2)).build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(7);
    assertThat(c.poolConfig().minIdle()).isEqualTo(2);
    assertThatThrownBy(() -> Databases.h2().pool(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool must be");
  }

  @Test
  void hikariPropertyNamesAreAcceptedWithHikariUnits() {
    Properties p = new Properties();
    p.setProperty("maximumPoolSize", "12");
    p.setProperty("minimumIdle", "3");
    p.setProperty("poolName", "orders");
    p.setProperty("connectionTimeout", "30000");
    p.setProperty("leakDetectionThreshold", "2s");
    p.setProperty("transactionIsolation", "TRANSACTION_SERIALIZABLE");
    p.setProperty("dataSource.cachePrepStmts", "true");
    DataSourceConfig c = Databases.h2().load(p).build();
    assertThat(c.poolConfig().maxSize()).isEqualTo(12);
    assertThat(c.poolConfig().minIdle()).isEqualTo(3);
    assertThat(c.poolConfig().name()).isEqualTo("orders");
    assertThat(c.poolConfig().acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.poolConfig().leakWarningThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.isolation()).isEqualTo(IsolationLevel.SERIALIZABLE);
    assertThat(c.driverProperties().getProperty("cachePrepStmts")).isEqualTo("true");
    Properties bad = new Properties();
    bad.setProperty("connectionTimeout", "soon");
    assertThatThrownBy(() -> Databases.h2().load(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionTimeout must be a duration")
        .hasMessageContaining("'soon'")
        .hasMessageContaining("key 'connectionTimeout'");
  }
}
