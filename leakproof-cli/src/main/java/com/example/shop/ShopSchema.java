package com.example.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop's tables and sample data. Every table is prefixed {@code lpdemo_} so that the demo can
 * run on a user's own database and clean up after itself without touching anything else.
 */
public final class ShopSchema {
  /** Customers in the sample data (ids 1..CUSTOMERS). */
  public static final int CUSTOMERS = 500;

  /** Products in the sample data (ids 1..PRODUCTS). */
  public static final int PRODUCTS = 100;

  /** Orders in the sample data (ids 1..ORDERS). */
  public static final int ORDERS = 2000;

  private static final List<String> TABLES =
      List.of(
          "lpdemo_payments",
          "lpdemo_reservations",
          "lpdemo_orders",
          "lpdemo_products",
          "lpdemo_customers");

  private ShopSchema() {}

  /**
   * Drops the shop's tables if they exist.
   *
   * @param c a connection
   * @throws SQLException if a drop fails
   */
  public static void drop(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /**
   * Creates the tables afresh and fills them with sample data.
   *
   * @param c a connection
   * @throws SQLException if the database refuses
   */
  public static void create(Connection c) throws SQLException {
    drop(c);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE lpdemo_customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
              + " tier VARCHAR(10) NOT NULL)");
      s.execute(
          "CREATE TABLE lpdemo_products (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
              + " price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)");
      s.execute(
          "CREATE TABLE lpdemo_orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
              + " status VARCHAR(12) NOT NULL, total DECIMAL(12,2) NOT NULL,"
              + " created_at TIMESTAMP NOT NULL)");
      s.execute(
          "CREATE TABLE lpdemo_reservations (id BIGINT PRIMARY KEY, product_id BIGINT NOT NULL,"
              + " quantity INT NOT NULL, CHECK (quantity > 0))");
      s.execute(
          "CREATE TABLE lpdemo_payments (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL,"
              + " amount DECIMAL(12,2) NOT NULL)");
    }
    SplittableRandom random = new SplittableRandom(42);
    String[] tiers = {"BRONZE", "SILVER", "GOLD"};
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO lpdemo_customers VALUES (?, ?, ?)")) {
      for (int id = 1; id <= CUSTOMERS; id++) {
        ps.setLong(1, id);
        ps.setString(2, "Customer " + id);
        ps.setString(3, tiers[random.nextInt(tiers.length)]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO lpdemo_products VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= PRODUCTS; id++) {
        ps.setLong(1, id);
        ps.setString(2, "Product " + id);
        ps.setBigDecimal(3, BigDecimal.valueOf(100 + random.nextInt(9900), 2));
        ps.setInt(4, 1_000_000);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Instant now = Instant.now();
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO lpdemo_orders VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= ORDERS; id++) {
        ps.setLong(1, id);
        ps.setLong(2, 1 + random.nextInt(CUSTOMERS));
        ps.setString(3, random.nextInt(4) == 0 ? "OPEN" : "SHIPPED");
        ps.setBigDecimal(4, BigDecimal.valueOf(500 + random.nextInt(50_000), 2));
        ps.setTimestamp(5, Timestamp.from(now.minusSeconds(random.nextInt(90 * 86_400))));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
