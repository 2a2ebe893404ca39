import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the mechanical half of Leakproof's JDBC wrappers: one abstract class per java.sql
 * interface whose methods each check that the wrapper is still usable, call the driver's object,
 * report any SQLException to the pool, and keep the connection handle reachable until the call
 * returns. Methods with policy (close, unwrap, the setters whose changes are reset, everything
 * that returns another JDBC object) are excluded here and hand-written in src/main/java.
 *
 * <p>Run by the build (exec-maven-plugin, generate-sources phase):
 * {@code java src/build/GenerateDelegation.java target/generated-sources/delegation}.
 *
 * <p>The generator fails, rather than writes unsafe code, when an interface gains a method that
 * returns a Connection, Statement or DatabaseMetaData (it would hand out an unwrapped object) or
 * that does not throw SQLException (the wrapper could not report it), and when an excluded name no
 * longer exists (a hand-written override would silently stop overriding).
 */
public final class GenerateDelegation {

  private static final String PACKAGE = "io.leakproof.jdbc.internal";

  /** JDBC types that must never be returned unwrapped by generated code. */
  private static final Set<Class<?>> MUST_WRAP =
      Set.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          DatabaseMetaData.class);

  private record Spec(
      String className,
      Class<?> iface,
      boolean inherited,
      String extendsClause,
      String accessor,
      boolean wrapsResultSets,
      boolean declaresHooks,
      String constructor,
      Set<String> excluded,
      String javadoc) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: java GenerateDelegation.java <output directory>");
    }
    Path out = Path.of(args[0]).resolve(PACKAGE.replace('.', '/'));
    Files.createDirectories(out);
    for (Spec spec : specs()) {
      String source = generate(spec);
      Path file = out.resolve(spec.className() + ".java");
      if (!Files.exists(file) || !Files.readString(file).equals(source)) {
        Files.writeString(file, source, StandardCharsets.UTF_8);
      }
    }
  }

  private static List<Spec> specs() {
    return List.of(
        new Spec(
            "ConnectionDelegation",
            Connection.class,
            true,
            "LeaseHandle<PooledConnection> implements Connection",
            "connection",
            false,
            true,
            """
              /**
               * Binds the handle to its lease.
               *
               * @param grant the pool's grant
               */
              ConnectionDelegation(LeaseGrant<PooledConnection> grant) {
                super(grant);
              }
            """,
            Set.of(
                "close", "isClosed", "abort", "unwrap", "isWrapperFor",
                "createStatement", "prepareStatement", "prepareCall", "getMetaData",
                "setAutoCommit", "setTransactionIsolation", "setReadOnly", "setCatalog",
                "setSchema", "setNetworkTimeout", "setClientInfo", "isValid"),
            "Connection methods without policy: each reaches the driver's connection only while"
                + " the lease is active."),
        new Spec(
            "StatementDelegation",
            Statement.class,
            true,
            "Object implements Statement",
            "statement",
            true,
            true,
            """
              /** Creates the delegation. */
              StatementDelegation() {}
            """,
            Set.of("close", "isClosed", "unwrap", "isWrapperFor", "getConnection"),
            "Statement methods without policy."),
        new Spec(
            "PreparedStatementDelegation",
            PreparedStatement.class,
            false,
            "LeakproofStatement implements PreparedStatement",
            "prepared",
            true,
            false,
            """
              /**
               * Creates the delegation.
               *
               * @param connection the connection handle
               * @param raw the driver's statement
               * @param site where the statement was created, or null
               */
              PreparedStatementDelegation(
                  LeakproofConnection connection, PreparedStatement raw, StackTraceElement site) {
                super(connection, raw, site);
              }

              /**
               * Returns the driver's statement if this wrapper may still use it.
               *
               * @return the driver's statement
               * @throws SQLException if the statement or its connection is closed
               */
              abstract PreparedStatement prepared() throws SQLException;
            """,
            Set.of(),
            "The methods PreparedStatement adds to Statement, without policy."),
        new Spec(
            "CallableStatementDelegation",
            CallableStatement.class,
            false,
            "LeakproofPreparedStatement implements CallableStatement",
            "callable",
            true,
            false,
            """
              /**
               * Creates the delegation.
               *
               * @param connection the connection handle
               * @param raw the driver's statement
               * @param site where the statement was created, or null
               */
              CallableStatementDelegation(
                  LeakproofConnection connection, CallableStatement raw, StackTraceElement site) {
                super(connection, raw, site);
              }

              /**
               * Returns the driver's statement if this wrapper may still use it.
               *
               * @return the driver's statement
               * @throws SQLException if the statement or its connection is closed
               */
              abstract CallableStatement callable() throws SQLException;
            """,
            Set.of(),
            "The methods CallableStatement adds to PreparedStatement, without policy."),
        new Spec(
            "ResultSetDelegation",
            ResultSet.class,
            true,
            "Object implements ResultSet",
            "resultSet",
            false,
            true,
            """
              /** Creates the delegation. */
              ResultSetDelegation() {}
            """,
            Set.of("close", "isClosed", "unwrap", "isWrapperFor", "getStatement"),
            "ResultSet methods without policy."),
        new Spec(
            "DatabaseMetaDataDelegation",
            DatabaseMetaData.class,
            true,
            "Object implements DatabaseMetaData",
            "metaData",
            true,
            true,
            """
              /** Creates the delegation. */
              DatabaseMetaDataDelegation() {}
            """,
            Set.of(
                "unwrap", "isWrapperFor", "getConnection", "getDriverMajorVersion",
                "getDriverMinorVersion"),
            "DatabaseMetaData methods without policy; result sets come back wrapped."));
  }

  private static String generate(Spec spec) {
    List<Method> methods = methodsOf(spec);
    Set<String> seenNames = new TreeSet<>();
    for (Method m : allMethods(spec.iface(), true)) {
      seenNames.add(m.getName());
    }
    for (String name : spec.excluded()) {
      if (!seenNames.contains(name)) {
        throw new IllegalStateException(
            spec.iface().getName() + " has no method " + name + "; update the generator");
      }
    }
    StringBuilder body = new StringBuilder();
    for (Method m : methods) {
      body.append('\n').append(method(spec, m));
    }
    String imports = imports(spec, body.toString());
    StringBuilder b = new StringBuilder();
    b.append("// Generated by leakproof-jdbc/src/build/GenerateDelegation.java from ")
        .append(spec.iface().getName())
        .append(" of Java ")
        .append(Runtime.version().feature())
        .append(". Do not edit.\n");
    b.append("package ").append(PACKAGE).append(";\n\n");
    b.append(imports).append('\n');
    b.append("/**\n * ")
        .append(spec.javadoc())
        .append("\n *\n * <p>Every method: obtain the driver's object through {@code ")
        .append(spec.accessor())
        .append("()} (which fails once the\n * wrapper or its connection is closed), call it, report an SQLException to the pool,"
            + " and fence the\n * connection handle so that it cannot be collected during the call.\n */\n");
    b.append("@SuppressWarnings(\"deprecation\")\n");
    String header = spec.extendsClause();
    b.append("abstract class ")
        .append(spec.className())
        .append(header.startsWith("Object ") ? header.substring(6) : " extends " + header);
    b.append(" {\n\n");
    b.append(spec.constructor().stripTrailing()).append('\n');
    if (spec.declaresHooks()) {
      b.append(hooks(spec));
    }
    b.append(body);
    b.append("}\n");
    return b.toString();
  }

  private static String hooks(Spec spec) {
    String type = spec.iface().getSimpleName();
    StringBuilder b = new StringBuilder();
    b.append("\n  /**\n   * Returns the driver's object if this wrapper may still use it.\n   *\n")
        .append("   * @return the driver's object\n")
        .append("   * @throws SQLException if this wrapper or its connection is closed\n   */\n")
        .append("  abstract ").append(type).append(' ').append(spec.accessor())
        .append("() throws SQLException;\n");
    b.append("\n  /**\n   * Reports a failure to the pool (a broken connection is evicted) and returns it.\n")
        .append("   *\n   * @param e what the driver threw\n   * @return the exception to throw\n   */\n")
        .append("  abstract SQLException failure(SQLException e);\n");
    b.append("\n  /** Keeps the connection handle reachable until this point. */\n")
        .append("  abstract void fence();\n");
    if (spec.wrapsResultSets()) {
      b.append("\n  /**\n   * Wraps and tracks a result set the driver returned.\n   *\n")
          .append("   * @param rs the driver's result set, or null\n")
          .append("   * @return the wrapper, or null\n")
          .append("   * @throws SQLException if the wrapper cannot be set up\n   */\n")
          .append("  abstract ResultSet wrap(ResultSet rs) throws SQLException;\n");
    }
    return b.toString();
  }

  private static List<Method> methodsOf(Spec spec) {
    List<Method> result = new ArrayList<>();
    for (Method m : allMethods(spec.iface(), spec.inherited())) {
      if (spec.excluded().contains(m.getName())) {
        continue;
      }
      if (MUST_WRAP.contains(m.getReturnType())) {
        throw new IllegalStateException(
            spec.iface().getSimpleName() + "." + m.getName()
                + " returns a " + m.getReturnType().getSimpleName()
                + ": hand-write it so that it returns a wrapper, and exclude it here");
      }
      if (!Arrays.asList(m.getExceptionTypes()).contains(SQLException.class)) {
        throw new IllegalStateException(
            spec.iface().getSimpleName() + "." + m.getName()
                + " does not throw SQLException: hand-write it and exclude it here");
      }
      result.add(m);
    }
    return result;
  }

  /** Public abstract or default instance methods, one per signature, sorted. */
  private static List<Method> allMethods(Class<?> iface, boolean inherited) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    Method[] candidates = inherited ? iface.getMethods() : iface.getDeclaredMethods();
    for (Method m : candidates) {
      if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
        continue;
      }
      if (m.getDeclaringClass() == Object.class || m.getDeclaringClass() == AutoCloseable.class) {
        continue;
      }
      String sig =
          m.getName()
              + Arrays.stream(m.getParameterTypes())
                  .map(Class::getName)
                  .collect(Collectors.joining(",", "(", ")"));
      Method seen = bySignature.get(sig);
      if (seen == null || seen.getDeclaringClass().isAssignableFrom(m.getDeclaringClass())) {
        bySignature.put(sig, m);
      }
    }
    List<Method> list = new ArrayList<>(bySignature.values());
    list.sort(
        Comparator.comparing(Method::getName)
            .thenComparing(m -> Arrays.toString(m.getParameterTypes())));
    return list;
  }

  private static String method(Spec spec, Method m) {
    StringBuilder b = new StringBuilder();
    boolean deprecated = m.isAnnotationPresent(Deprecated.class);
    if (deprecated) {
      b.append("  @Deprecated\n");
    }
    b.append("  @Override\n  public ");
    TypeVariable<Method>[] typeParams = m.getTypeParameters();
    if (typeParams.length > 0) {
      b.append(
              Arrays.stream(typeParams)
                  .map(GenerateDelegation::typeParameter)
                  .collect(Collectors.joining(", ", "<", ">")))
          .append(' ');
    }
    b.append(type(m.getGenericReturnType())).append(' ').append(m.getName()).append('(');
    Type[] params = m.getGenericParameterTypes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      String name = "arg" + i;
      names.add(name);
      if (i > 0) {
        b.append(", ");
      }
      b.append(type(params[i])).append(' ').append(name);
    }
    b.append(") throws SQLException {\n");
    String call = spec.accessor() + "()." + m.getName() + "(" + String.join(", ", names) + ")";
    b.append("    try {\n");
    if (m.getReturnType() == void.class) {
      b.append("      ").append(call).append(";\n");
    } else if (m.getReturnType() == ResultSet.class) {
      if (!spec.wrapsResultSets()) {
        throw new IllegalStateException(
            spec.iface().getSimpleName() + "." + m.getName() + " returns a ResultSet");
      }
      b.append("      return wrap(").append(call).append(");\n");
    } else {
      b.append("      return ").append(call).append(";\n");
    }
    b.append("    } catch (SQLException e) {\n");
    b.append("      throw failure(e);\n");
    b.append("    } finally {\n");
    b.append("      fence();\n");
    b.append("    }\n");
    b.append("  }\n");
    return b.toString();
  }

  private static String typeParameter(TypeVariable<?> v) {
    Type[] bounds = v.getBounds();
    if (bounds.length == 1 && bounds[0] == Object.class) {
      return v.getName();
    }
    return v.getName()
        + " extends "
        + Arrays.stream(bounds).map(GenerateDelegation::type).collect(Collectors.joining(" & "));
  }

  private static String type(Type t) {
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        return type(c.getComponentType()) + "[]";
      }
      if (c.isPrimitive()) {
        return c.getName();
      }
      if (c.getPackageName().equals("java.lang") || c.getPackageName().equals("java.sql")) {
        return c.getSimpleName();
      }
      return c.getName().replace('$', '.');
    }
    if (t instanceof ParameterizedType p) {
      return type(p.getRawType())
          + Arrays.stream(p.getActualTypeArguments())
              .map(GenerateDelegation::type)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (t instanceof GenericArrayType g) {
      return type(g.getGenericComponentType()) + "[]";
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + type(w.getLowerBounds()[0]);
      }
      Type[] upper = w.getUpperBounds();
      return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + type(upper[0]);
    }
    if (t instanceof TypeVariable<?> v) {
      return v.getName();
    }
    throw new IllegalStateException("unexpected type " + t);
  }

  /** Imports every java.sql type the body names, plus the core types the class header needs. */
  private static String imports(Spec spec, String body) {
    Set<String> imports = new TreeSet<>();
    imports.add("java.sql.SQLException");
    imports.add("java.sql." + spec.iface().getSimpleName());
    if (spec.wrapsResultSets()) {
      imports.add("java.sql.ResultSet");
    }
    if (spec.className().equals("ConnectionDelegation")) {
      imports.add("io.leakproof.spi.LeaseGrant");
      imports.add("io.leakproof.spi.LeaseHandle");
    }
    if (spec.constructor().contains("PreparedStatement raw")) {
      imports.add("java.sql.PreparedStatement");
    }
    for (Class<?> c : sqlTypes()) {
      if (body.matches("(?s).*\\b" + c.getSimpleName() + "\\b.*")) {
        imports.add(c.getName());
      }
    }
    return imports.stream().map(i -> "import " + i + ";\n").collect(Collectors.joining());
  }

  private static List<Class<?>> sqlTypes() {
    return List.of(
        java.sql.Array.class,
        java.sql.Blob.class,
        java.sql.CallableStatement.class,
        java.sql.Clob.class,
        java.sql.Connection.class,
        java.sql.DatabaseMetaData.class,
        java.sql.Date.class,
        java.sql.NClob.class,
        java.sql.PreparedStatement.class,
        java.sql.Ref.class,
        java.sql.ResultSet.class,
        java.sql.ResultSetMetaData.class,
        java.sql.RowId.class,
        java.sql.RowIdLifetime.class,
        java.sql.SQLType.class,
        java.sql.SQLWarning.class,
        java.sql.SQLXML.class,
        java.sql.Savepoint.class,
        java.sql.ShardingKey.class,
        java.sql.Struct.class,
        java.sql.Time.class,
        java.sql.Timestamp.class,
        java.sql.ParameterMetaData.class);
  }

  private GenerateDelegation() {}
}
