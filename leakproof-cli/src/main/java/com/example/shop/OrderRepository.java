package com.example.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Orders. {@link #recentOrders} and {@link #placeOrder} are correct; {@link #countOpenOrders}
 * leaks its connection on every call: it never closes it.
 */
public final class OrderRepository {
  private final DataSource dataSource;
  private final AtomicLong nextId = new AtomicLong(1_000_000);

  /**
   * Creates the repository.
   *
   * @param dataSource the shop's connection pool
   */
  public OrderRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Lists a customer's latest orders.
   *
   * @param customerId the customer
   * @return order lines
   * @throws SQLException if the query fails
   */
  public List<String> recentOrders(long customerId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT o.id, o.status, o.total FROM lpdemo_orders o"
                    + " WHERE o.customer_id = ? ORDER BY o.created_at DESC")) {
      ps.setLong(1, customerId);
      ps.setMaxRows(10);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3));
        }
      }
      return lines;
    }
  }

  /**
   * Places an order in one transaction.
   *
   * @param customerId the customer
   * @param total the order total
   * @return the new order's id
   * @throws SQLException if the insert fails (the transaction is rolled back)
   */
  public long placeOrder(long customerId, BigDecimal total) throws SQLException {
    long id = nextId.incrementAndGet();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO lpdemo_orders VALUES (?, ?, 'OPEN', ?, ?)")) {
        ps.setLong(1, id);
        ps.setLong(2, customerId);
        ps.setBigDecimal(3, total);
        ps.setTimestamp(4, Timestamp.from(Instant.now()));
        ps.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return id;
  }

  /**
   * Counts a customer's open orders (the admin dashboard widget).
   *
   * @param customerId the customer
   * @return the count
   * @throws SQLException if the query fails
   */
  public long countOpenOrders(long customerId) throws SQLException {
    // BUG (deliberate, leak 1 of 4): the Connection is never closed. Nothing here is ever closed:
    // the statement and result set go with it. Every call leaks one pooled connection.
    Connection c = dataSource.getConnection();
    PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM lpdemo_orders WHERE customer_id = ? AND status = 'OPEN'");
    ps.setLong(1, customerId);
    ResultSet rs = ps.executeQuery();
    rs.next();
    return rs.getLong(1);
  }
}
