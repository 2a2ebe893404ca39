package io.leakproof.jdbc;

import io.leakproof.PoolConfig;
import io.leakproof.jdbc.internal.ConfigLoader;
import io.leakproof.jdbc.internal.Drivers;
import io.leakproof.jdbc.internal.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The immutable settings of a {@link LeakproofDataSource}: where and how to connect, what every
 * new connection starts with, and every setting of the pool engine ({@link PoolConfig}).
 *
 * <p>Built by a validating {@link Builder}, in code or from {@code Properties}, a properties file
 * or {@code LEAKPROOF_*} environment variables (see docs/jdbc.md for every setting). An invalid
 * value fails in its setter with an {@link IllegalArgumentException} naming the property, the
 * value and the rule; settings that conflict fail in {@link Builder#build()} with an
 * {@link IllegalStateException}. {@link #toString()} masks passwords, including those inside the
 * JDBC URL.
 *
 * <pre>{@code
 * DataSourceConfig config = DataSourceConfig.builder()
 *     .jdbcUrl("jdbc:postgresql://db.example.com/orders")
 *     .username("orders")
 *     .passwordFile(Path.of("/run/secrets/orders-db"))
 *     .queryTimeout(Duration.ofSeconds(30))
 *     .pool(p -> p.maxSize(20).acquireTimeout(Duration.ofSeconds(5)))
 *     .build();
 * }</pre>
 */
public final class DataSourceConfig {

  private final String jdbcUrl;
  private final String driverClassName;
  private final String dataSourceClassName;
  private final DataSource dataSource;
  private final String username;
  private final String password;
  private final Path passwordFile;
  private final Supplier<Credentials> credentials;
  private final Properties driverProperties;
  private final Boolean autoCommit;
  private final Boolean readOnly;
  private final IsolationLevel isolation;
  private final String catalog;
  private final String schema;
  private final String connectionInitSql;
  private final Duration networkTimeout;
  private final Duration queryTimeout;
  private final ConnectionFailureClassifier failureClassifier;
  private final Consumer<? super StatementLeak> statementLeakListener;
  private final PoolConfig poolConfig;

  private DataSourceConfig(Builder b, PoolConfig poolConfig, DataSource dataSource) {
    this.jdbcUrl = b.jdbcUrl;
    this.driverClassName = b.driverClassName;
    this.dataSourceClassName = b.dataSourceClassName;
    this.dataSource = dataSource;
    this.username = b.username;
    this.password = b.password;
    this.passwordFile = b.passwordFile;
    this.credentials = b.credentials;
    this.driverProperties = copy(b.driverProperties);
    this.autoCommit = b.autoCommit;
    this.readOnly = b.readOnly;
    this.isolation = b.isolation;
    this.catalog = b.catalog;
    this.schema = b.schema;
    this.connectionInitSql = b.connectionInitSql;
    this.networkTimeout = b.networkTimeout;
    this.queryTimeout = b.queryTimeout;
    this.failureClassifier = b.failureClassifier;
    this.statementLeakListener = b.statementLeakListener;
    this.poolConfig = poolConfig;
  }

  private static Properties copy(Properties p) {
    Properties c = new Properties();
    for (String name : p.stringPropertyNames()) {
      c.setProperty(name, p.getProperty(name));
    }
    return c;
  }

  /**
   * Starts a builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the name of every setting that properties, files and the environment accept (the
   * JDBC settings of this class, then the engine's settings of {@link PoolConfig}), in
   * documentation order. The environment variable of a setting is its name in upper snake case
   * after {@code LEAKPROOF_}: {@code maxSize} is {@code LEAKPROOF_MAX_SIZE}.
   *
   * @return the names
   */
  public static java.util.List<String> settingNames() {
    return ConfigLoader.settingNames();
  }

  /**
   * Returns the JDBC URL.
   *
   * @return the URL, or {@code null} when connecting through a DataSource
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * Returns the JDBC URL with any password in it masked, for messages.
   *
   * @return the masked URL, or {@code null}
   */
  public String maskedJdbcUrl() {
    return Secrets.maskUrl(jdbcUrl);
  }

  /**
   * Returns the driver class to use instead of looking the URL up in {@code DriverManager}.
   *
   * @return the class name, or {@code null}
   */
  public String driverClassName() {
    return driverClassName;
  }

  /**
   * Returns the vendor DataSource class that was instantiated, when set by name.
   *
   * @return the class name, or {@code null}
   */
  public String dataSourceClassName() {
    return dataSourceClassName;
  }

  /**
   * Returns the vendor DataSource connections are opened through.
   *
   * @return the DataSource, or {@code null} when connecting through a JDBC URL
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Returns the database user.
   *
   * @return the user, or {@code null} (then the URL, the driver properties or the credentials
   *     supplier decide)
   */
  public String username() {
    return username;
  }

  /**
   * Returns whether a fixed password is set (the password itself is never returned).
   *
   * @return whether {@code password} was set
   */
  public boolean hasPassword() {
    return password != null;
  }

  /**
   * Returns the file the password is read from for each new connection.
   *
   * @return the file, or {@code null}
   */
  public Path passwordFile() {
    return passwordFile;
  }

  /**
   * Returns the supplier asked for the user and password of each new connection.
   *
   * @return the supplier, or {@code null}
   */
  public Supplier<Credentials> credentials() {
    return credentials;
  }

  /**
   * Returns a supplier of the credentials each new connection uses, whichever way they were
   * configured: fixed, read from {@link #passwordFile()}, or from {@link #credentials()}. For the
   * connection factory; applications do not need it.
   *
   * @return the supplier; it may throw {@link java.io.UncheckedIOException} when the password file
   *     cannot be read
   */
  public Supplier<Credentials> credentialSource() {
    if (credentials != null) {
      return credentials;
    }
    if (passwordFile != null) {
      String user = username;
      Path file = passwordFile;
      return () -> new Credentials(user, ConfigLoader.readPasswordFile(file));
    }
    Credentials fixed = new Credentials(username, password);
    return () -> fixed;
  }

  /**
   * Returns the properties passed to the driver (or set on the DataSource by name).
   *
   * @return a copy
   */
  public Properties driverProperties() {
    return copy(driverProperties);
  }

  /**
   * Returns the autoCommit every new connection starts with.
   *
   * @return the value, or {@code null} for the driver's default (true in JDBC)
   */
  public Boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Returns the readOnly flag every new connection starts with.
   *
   * @return the value, or {@code null} for the driver's default
   */
  public Boolean readOnly() {
    return readOnly;
  }

  /**
   * Returns the isolation level every new connection starts with.
   *
   * @return the level, or {@code null} for the database's default
   */
  public IsolationLevel isolation() {
    return isolation;
  }

  /**
   * Returns the catalog every new connection starts with.
   *
   * @return the catalog, or {@code null} for the driver's default
   */
  public String catalog() {
    return catalog;
  }

  /**
   * Returns the schema every new connection starts with.
   *
   * @return the schema, or {@code null} for the driver's default
   */
  public String schema() {
    return schema;
  }

  /**
   * Returns the SQL run once on every new connection.
   *
   * @return the SQL, or {@code null}
   */
  public String connectionInitSql() {
    return connectionInitSql;
  }

  /**
   * Returns the network timeout every new connection starts with
   * ({@link java.sql.Connection#setNetworkTimeout}).
   *
   * @return the timeout; ZERO leaves the driver's default
   */
  public Duration networkTimeout() {
    return networkTimeout;
  }

  /**
   * Returns the query timeout set on every new statement
   * ({@link java.sql.Statement#setQueryTimeout}).
   *
   * @return the timeout, whole seconds; ZERO leaves the driver's default
   */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /**
   * Returns the classifier that decides which failures break a connection.
   *
   * @return the classifier
   */
  public ConnectionFailureClassifier failureClassifier() {
    return failureClassifier;
  }

  /**
   * Returns the listener told about connections closed with statements still open.
   *
   * @return the listener, or {@code null} (reports are still logged when logging is on)
   */
  public Consumer<? super StatementLeak> statementLeakListener() {
    return statementLeakListener;
  }

  /**
   * Returns the pool engine's settings.
   *
   * @return the pool configuration
   */
  public PoolConfig poolConfig() {
    return poolConfig;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("DataSourceConfig{");
    if (jdbcUrl != null) {
      b.append("jdbcUrl=").append(Secrets.maskUrl(jdbcUrl));
    } else {
      b.append("dataSource=").append(dataSource.getClass().getName());
    }
    if (driverClassName != null) {
      b.append(", driverClassName=").append(driverClassName);
    }
    b.append(", username=").append(username);
    if (password != null) {
      b.append(", password=").append(Secrets.MASK);
    }
    if (passwordFile != null) {
      b.append(", passwordFile=").append(passwordFile);
    }
    if (credentials != null) {
      b.append(", credentials=<supplier>");
    }
    if (!driverProperties.isEmpty()) {
      b.append(", driverProperties=").append(Secrets.maskProperties(driverProperties));
    }
    appendIfSet(b, "autoCommit", autoCommit);
    appendIfSet(b, "readOnly", readOnly);
    appendIfSet(b, "isolation", isolation);
    appendIfSet(b, "catalog", catalog);
    appendIfSet(b, "schema", schema);
    appendIfSet(b, "connectionInitSql", connectionInitSql);
    if (!networkTimeout.isZero()) {
      b.append(", networkTimeout=").append(networkTimeout);
    }
    if (!queryTimeout.isZero()) {
      b.append(", queryTimeout=").append(queryTimeout);
    }
    return b.append(", pool=").append(poolConfig).append('}').toString();
  }

  private static void appendIfSet(StringBuilder b, String name, Object value) {
    if (value != null) {
      b.append(", ").append(name).append('=').append(value);
    }
  }

  /**
   * Builds a {@link DataSourceConfig}. Setters validate their argument at once; {@link #build()}
   * checks the settings against each other. The {@code load} methods apply text settings (from
   * properties or the environment) through the same setters, so later sources override earlier
   * ones: {@code builder().loadFile(defaults).loadEnvironment().build()}.
   */
  public static final class Builder {
    private String jdbcUrl;
    private String driverClassName;
    private String dataSourceClassName;
    private DataSource dataSource;
    private String username;
    private String password;
    private Path passwordFile;
    private Supplier<Credentials> credentials;
    private final Properties driverProperties = new Properties();
    private Boolean autoCommit;
    private Boolean readOnly;
    private IsolationLevel isolation;
    private String catalog;
    private String schema;
    private String connectionInitSql;
    private Duration networkTimeout = Duration.ZERO;
    private Duration queryTimeout = Duration.ZERO;
    private ConnectionFailureClassifier failureClassifier = ConnectionFailureClassifier.standard();
    private Consumer<? super StatementLeak> statementLeakListener;
    private PoolConfig.Builder pool = PoolConfig.builder();

    private Builder() {}

    // ---------------------------------------------------------------- where to connect

    /**
     * Sets the JDBC URL. Credentials in it are allowed but masked everywhere; prefer
     * {@link #username}, {@link #password} or {@link #credentials}.
     *
     * @param jdbcUrl a URL starting with {@code jdbc:}
     * @return this builder
     * @throws IllegalArgumentException if the URL is null or does not start with {@code jdbc:}
     */
    public Builder jdbcUrl(String jdbcUrl) {
      require(
          jdbcUrl != null && jdbcUrl.startsWith("jdbc:"),
          "jdbcUrl",
          jdbcUrl == null ? null : "'" + Secrets.maskUrl(jdbcUrl) + "'",
          "a URL starting with 'jdbc:'");
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * Sets the driver class, for drivers that do not register with {@code DriverManager} or to
     * choose between two drivers that accept the same URL.
     *
     * @param className a {@code java.sql.Driver} implementation on the class path
     * @return this builder
     * @throws IllegalArgumentException if the name is null or blank
     */
    public Builder driverClassName(String className) {
      requireText("driverClassName", className);
      this.driverClassName = className;
      return this;
    }

    /**
     * Connects through a vendor DataSource (for example {@code PGSimpleDataSource}) instead of a
     * URL. Its login timeout is set from the pool's {@link PoolConfig.Builder#createTimeout}.
     *
     * @param dataSource the vendor DataSource
     * @return this builder
     * @throws IllegalArgumentException if the DataSource is null or is a LeakproofDataSource
     */
    public Builder dataSource(DataSource dataSource) {
      require(dataSource != null, "dataSource", null, "a vendor DataSource");
      require(
          !(dataSource instanceof LeakproofDataSource),
          "dataSource",
          dataSource,
          "a vendor DataSource, not another LeakproofDataSource");
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Connects through a vendor DataSource created by name with its no-argument constructor; the
     * driver properties are applied to it through its setters ({@code serverName} calls
     * {@code setServerName}).
     *
     * @param className a {@code javax.sql.DataSource} implementation on the class path
     * @return this builder
     * @throws IllegalArgumentException if the name is null or blank
     */
    public Builder dataSourceClassName(String className) {
      requireText("dataSourceClassName", className);
      this.dataSourceClassName = className;
      return this;
    }

    // ---------------------------------------------------------------- who connects

    /**
     * Sets the database user.
     *
     * @param username the user
     * @return this builder
     * @throws IllegalArgumentException if the user is null
     */
    public Builder username(String username) {
      require(username != null, "username", null, "a user name");
      this.username = username;
      return this;
    }

    /**
     * Sets a fixed password. Never logged or shown; to rotate passwords without a restart, use
     * {@link #passwordFile} or {@link #credentials} instead.
     *
     * @param password the password (may be empty)
     * @return this builder
     * @throws IllegalArgumentException if the password is null
     */
    public Builder password(String password) {
      require(password != null, "password", null, "a password (empty is allowed)");
      this.password = password;
      return this;
    }

    /**
     * Reads the password from a file for every new connection (a Kubernetes or Docker secret), so
     * that a rotated password applies to the next connection. A trailing line break is ignored.
     *
     * @param file a readable file
     * @return this builder
     * @throws IllegalArgumentException if the file is null or not a readable regular file
     */
    public Builder passwordFile(Path file) {
      require(
          file != null && Files.isRegularFile(file) && Files.isReadable(file),
          "passwordFile",
          file,
          "a readable file");
      this.passwordFile = file;
      return this;
    }

    /**
     * Asks a supplier for the user and password of every new connection (a vault client, a cloud
     * IAM token). Rotated credentials apply to new connections; call
     * {@code dataSource.pool().softEvict()} to replace the existing ones. The supplier runs on the
     * pool's creator threads and should answer within the pool's {@link PoolConfig.Builder#createTimeout}.
     *
     * @param supplier the supplier
     * @return this builder
     * @throws IllegalArgumentException if the supplier is null
     */
    public Builder credentials(Supplier<Credentials> supplier) {
      require(supplier != null, "credentials", null, "a Supplier<Credentials>");
      this.credentials = supplier;
      return this;
    }

    /**
     * Adds a driver property (or, with {@link #dataSourceClassName}, a DataSource bean property).
     *
     * @param name the property name, such as {@code sslmode} or {@code prepareThreshold}
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is blank, the value null, or the name is
     *     {@code user} or {@code password} (use {@link #username} and {@link #password})
     */
    public Builder driverProperty(String name, String value) {
      requireText("driverProperty name", name);
      require(
          !name.equalsIgnoreCase("user") && !name.equalsIgnoreCase("password"),
          "driverProperty name",
          "'" + name + "'",
          "not 'user' or 'password' (set them with username(...) and password(...), so that"
              + " they are masked and rotate)");
      require(
          value != null,
          "driverProperty " + name,
          null,
          "a value");
      driverProperties.setProperty(name, value);
      return this;
    }

    /**
     * Adds every property of {@code props} as a driver property.
     *
     * @param props the properties
     * @return this builder
     * @throws IllegalArgumentException as {@link #driverProperty} does
     */
    public Builder driverProperties(Properties props) {
      require(props != null, "driverProperties", null, "a Properties object");
      for (String name : props.stringPropertyNames()) {
        driverProperty(name, props.getProperty(name));
      }
      return this;
    }

    // ---------------------------------------------------------------- what connections start with

    /**
     * Sets the autoCommit every new connection starts with (and returns to after each borrow).
     *
     * @param autoCommit the value
     * @return this builder
     */
    public Builder autoCommit(boolean autoCommit) {
      this.autoCommit = autoCommit;
      return this;
    }

    /**
     * Sets the readOnly flag every new connection starts with.
     *
     * @param readOnly the value
     * @return this builder
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Sets the isolation level every new connection starts with.
     *
     * @param level the level
     * @return this builder
     * @throws IllegalArgumentException if the level is null
     */
    public Builder isolation(IsolationLevel level) {
      require(level != null, "isolation", null, "one of " + java.util.Arrays.toString(IsolationLevel.values()));
      this.isolation = level;
      return this;
    }

    /**
     * Sets the catalog every new connection starts with.
     *
     * @param catalog the catalog
     * @return this builder
     * @throws IllegalArgumentException if the catalog is null or blank
     */
    public Builder catalog(String catalog) {
      requireText("catalog", catalog);
      this.catalog = catalog;
      return this;
    }

    /**
     * Sets the schema every new connection starts with.
     *
     * @param schema the schema
     * @return this builder
     * @throws IllegalArgumentException if the schema is null or blank
     */
    public Builder schema(String schema) {
      requireText("schema", schema);
      this.schema = schema;
      return this;
    }

    /**
     * Sets SQL run once on every new connection (committed if autoCommit is off).
     *
     * @param sql the SQL
     * @return this builder
     * @throws IllegalArgumentException if the SQL is null or blank
     */
    public Builder connectionInitSql(String sql) {
      requireText("connectionInitSql", sql);
      this.connectionInitSql = sql;
      return this;
    }

    /**
     * Sets the network timeout of every new connection: how long the driver waits for the
     * database to answer before it gives the connection up (the seeds' "context timeout" for
     * network stalls). The borrower may change it; it is restored on return.
     *
     * @param timeout zero (the driver's default) or more, in whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null, negative, finer than a millisecond
     *     or above Integer.MAX_VALUE ms
     */
    public Builder networkTimeout(Duration timeout) {
      require(
          timeout != null
              && !timeout.isNegative()
              && timeout.toNanos() % 1_000_000 == 0
              && timeout.toMillis() <= Integer.MAX_VALUE,
          "networkTimeout",
          timeout,
          "zero (off) or a positive number of whole milliseconds up to Integer.MAX_VALUE ms");
      this.networkTimeout = timeout;
      return this;
    }

    /**
     * Sets the query timeout of every new statement ({@code Statement.setQueryTimeout}); the
     * borrower may change it per statement.
     *
     * @param timeout zero (the driver's default) or a whole number of seconds (JDBC's unit)
     * @return this builder
     * @throws IllegalArgumentException if the timeout is null, negative or not whole seconds
     */
    public Builder queryTimeout(Duration timeout) {
      require(
          timeout != null
              && !timeout.isNegative()
              && timeout.getNano() == 0
              && timeout.getSeconds() <= Integer.MAX_VALUE,
          "queryTimeout",
          timeout,
          "zero (off) or a whole number of seconds (JDBC counts query timeouts in seconds)");
      this.queryTimeout = timeout;
      return this;
    }

    /**
     * Replaces the classifier that decides which failures break a connection.
     *
     * @param classifier the classifier; combine with {@link ConnectionFailureClassifier#standard()}
     *     through {@code or} to keep the built-in rules
     * @return this builder
     * @throws IllegalArgumentException if the classifier is null
     */
    public Builder failureClassifier(ConnectionFailureClassifier classifier) {
      require(classifier != null, "failureClassifier", null, "a ConnectionFailureClassifier");
      this.failureClassifier = classifier;
      return this;
    }

    /**
     * Sets a listener told, on the closing thread, about every connection closed with statements
     * or result sets still open. It must be fast and must not throw.
     *
     * @param listener the listener, or {@code null} for none
     * @return this builder
     */
    public Builder statementLeakListener(Consumer<? super StatementLeak> listener) {
      this.statementLeakListener = listener;
      return this;
    }

    // ---------------------------------------------------------------- the pool engine

    /**
     * Replaces every engine setting with those of a PoolConfig.
     *
     * @param config the engine settings
     * @return this builder
     * @throws IllegalArgumentException if config is null
     */
    public Builder poolConfig(PoolConfig config) {
      require(config != null, "poolConfig", null, "a PoolConfig");
      this.pool = config.toBuilder();
      return this;
    }

    /**
     * Changes engine settings in place, on the builder that {@link #poolConfig} (or the defaults)
     * started: {@code pool(p -> p.maxSize(20).acquireTimeout(Duration.ofSeconds(5)))}. Every
     * setting of {@link PoolConfig.Builder} is available, validated there.
     *
     * @param settings what to change
     * @return this builder
     * @throws IllegalArgumentException if settings is null, or a setting it applies is invalid
     */
    public Builder pool(Consumer<PoolConfig.Builder> settings) {
      require(settings != null, "pool", null, "a function applying pool settings");
      settings.accept(pool);
      return this;
    }

    // ---------------------------------------------------------------- loading

    /**
     * Applies settings from properties whose keys are the setting names ({@code jdbcUrl},
     * {@code maxSize}, {@code acquireTimeout=5s}...; {@link #settingNames()}) and
     * {@code driver.<name>} for driver properties. HikariCP's names for the same settings are
     * accepted too ({@code maximumPoolSize}, {@code minimumIdle}, {@code poolName},
     * {@code transactionIsolation}, {@code dataSource.<name>}, and {@code connectionTimeout} and
     * {@code leakDetectionThreshold} in HikariCP's milliseconds). See docs/jdbc.md for the value
     * syntax.
     *
     * @param props the properties
     * @return this builder
     * @throws IllegalArgumentException if a key is not a setting or a value is invalid; the
     *     message names the key
     */
    public Builder load(Properties props) {
      return load(props, "");
    }

    /**
     * Applies the settings among {@code props} whose keys start with {@code prefix} (for example
     * {@code "leakproof."} in an application's own properties file); other keys are ignored.
     *
     * @param props the properties
     * @param prefix the key prefix, removed before the setting name is looked up
     * @return this builder
     * @throws IllegalArgumentException if a prefixed key is not a setting or a value is invalid
     */
    public Builder load(Properties props, String prefix) {
      require(props != null, "props", null, "a Properties object");
      require(prefix != null, "prefix", null, "a key prefix (empty for none)");
      ConfigLoader.applyProperties(this, props, prefix);
      return this;
    }

    /**
     * Applies the settings of a properties file (UTF-8), as {@link #load(Properties)} does.
     *
     * @param file the file
     * @return this builder
     * @throws IllegalArgumentException if the file cannot be read, a key is not a setting or a
     *     value is invalid
     */
    public Builder loadFile(Path file) {
      require(file != null, "file", null, "a properties file");
      ConfigLoader.applyProperties(this, ConfigLoader.readFile(file), "", file.toString());
      return this;
    }

    /**
     * Applies the {@code LEAKPROOF_*} environment variables: {@code LEAKPROOF_JDBC_URL},
     * {@code LEAKPROOF_USERNAME}, {@code LEAKPROOF_PASSWORD}, {@code LEAKPROOF_MAX_SIZE}... (the
     * setting name in upper snake case). Variables that are not settings are ignored unless they
     * look like a misspelt one.
     *
     * @return this builder
     * @throws IllegalArgumentException if a value is invalid or a variable looks like a misspelt
     *     setting
     */
    public Builder loadEnvironment() {
      return loadEnvironment(System.getenv());
    }

    /**
     * Applies {@code LEAKPROOF_*} variables from the given map, as {@link #loadEnvironment()}
     * does (for tests and for other sources of variables).
     *
     * @param environment the variables
     * @return this builder
     * @throws IllegalArgumentException if a value is invalid or a variable looks like a misspelt
     *     setting
     */
    public Builder loadEnvironment(Map<String, String> environment) {
      require(environment != null, "environment", null, "a map of variables");
      ConfigLoader.applyEnvironment(this, environment);
      return this;
    }

    // ---------------------------------------------------------------- build

    /**
     * Checks the settings against each other, looks up the driver (or creates the vendor
     * DataSource) and builds the configuration. Opens no connection.
     *
     * @return the configuration
     * @throws IllegalStateException if settings conflict or a required one is missing
     * @throws IllegalArgumentException if no driver accepts the URL, the driver class or
     *     DataSource class cannot be loaded, or a driver property has no DataSource setter
     */
    public DataSourceConfig build() {
      int targets = (jdbcUrl != null ? 1 : 0) + (dataSource != null ? 1 : 0)
          + (dataSourceClassName != null ? 1 : 0);
      if (targets == 0) {
        throw conflict("set jdbcUrl, dataSource or dataSourceClassName: there is nothing to connect to");
      }
      if (targets > 1) {
        throw conflict(
            "set only one of jdbcUrl ("
                + Secrets.maskUrl(jdbcUrl)
                + "), dataSource ("
                + (dataSource == null ? null : dataSource.getClass().getName())
                + ") and dataSourceClassName ("
                + dataSourceClassName
                + ")");
      }
      if (driverClassName != null && jdbcUrl == null) {
        throw conflict(
            "driverClassName (" + driverClassName + ") is used only with jdbcUrl; a DataSource"
                + " brings its own driver");
      }
      int secrets = (password != null ? 1 : 0) + (passwordFile != null ? 1 : 0)
          + (credentials != null ? 1 : 0);
      if (secrets > 1) {
        throw conflict("set only one of password, passwordFile and credentials");
      }
      if (credentials != null && username != null) {
        throw conflict(
            "username (" + username + ") and credentials are both set; the credentials supplier"
                + " provides the user name too");
      }
      if (dataSource != null && !driverProperties.isEmpty()) {
        throw conflict(
            "driverProperties " + Secrets.maskProperties(driverProperties) + " cannot be applied to"
                + " a DataSource object; configure it before passing it, or use"
                + " dataSourceClassName");
      }
      PoolConfig poolConfig = pool.build();
      DataSource ds = dataSource;
      if (jdbcUrl != null) {
        Drivers.resolve(jdbcUrl, driverClassName); // fails now, not at the first getConnection
      } else if (dataSourceClassName != null) {
        ds = Drivers.instantiateDataSource(dataSourceClassName, driverProperties);
      }
      return new DataSourceConfig(this, poolConfig, ds);
    }

    private static IllegalStateException conflict(String message) {
      return new IllegalStateException("Conflicting data source settings: " + message);
    }

    private static void require(boolean ok, String property, Object value, String rule) {
      if (!ok) {
        throw new IllegalArgumentException(property + " must be " + rule + " but was " + value);
      }
    }

    private static void requireText(String property, String value) {
      require(
          value != null && !value.isBlank(),
          property,
          value == null ? null : "'" + value + "'",
          "non-blank text");
    }
  }
}
