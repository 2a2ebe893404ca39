package io.leakproof.cli.internal.pool;

import io.leakproof.cli.internal.CliException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pools the CLI knows, by the name {@code --pools} takes.
 *
 */
@SuppressWarnings("ImmutableEnumChecker") // the factories are stateless static method references
public enum PoolKind {
  /** Leakproof's own {@code LeakproofDataSource}. */
  LEAKPROOF("leakproof", LeakproofPool::open),
  /** HikariCP. */
  HIKARICP("hikaricp", HikariCpPool::open),
  /** Agroal. */
  AGROAL("agroal", AgroalPool::open),
  /** Apache Commons DBCP2. */
  DBCP2("dbcp2", Dbcp2Pool::open);

  private final String cliName;
  private final PoolFactory factory;

  PoolKind(String cliName, PoolFactory factory) {
    this.cliName = cliName;
    this.factory = factory;
  }

  /** Returns the name {@code --pools} takes. */
  public String cliName() {
    return cliName;
  }

  /** Returns whether this build can open the pool. */
  public boolean available() {
    return factory != null;
  }

  /**
   * Returns the choice that opens this pool.
   *
   * @return the choice
   * @throws CliException if this build cannot open the pool
   */
  public PoolChoice choice() {
    if (factory == null) {
      throw new CliException(
          "the "
              + cliName
              + " pool is not available in this build yet (leakproof-jdbc is not bundled);"
              + " available: "
              + String.join(", ", availableNames()));
    }
    return new PoolChoice(cliName, factory);
  }

  /**
   * Finds a pool by its command-line name.
   *
   * @param name for example {@code hikaricp}
   * @return the pool
   * @throws IllegalArgumentException if no pool has that name (the message lists the names)
   */
  public static PoolKind named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (PoolKind k : values()) {
      if (k.cliName.equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown pool '" + name + "'; known pools: " + String.join(", ", allNames()));
  }

  /** Returns every pool's name. */
  public static List<String> allNames() {
    return Arrays.stream(values()).map(PoolKind::cliName).toList();
  }

  /** Returns the names of the pools this build can open. */
  public static List<String> availableNames() {
    List<String> names = new ArrayList<>();
    for (PoolKind k : values()) {
      if (k.available()) {
        names.add(k.cliName);
      }
    }
    return names;
  }
}
