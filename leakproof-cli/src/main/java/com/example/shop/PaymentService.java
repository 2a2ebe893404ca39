package com.example.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Payments. {@link #charge} opens a transaction; for an amount that needs a fraud review it
 * returns early without commit, rollback or close: the transaction stays open, holding its row
 * lock, and the Connection is never returned.
 */
public final class PaymentService {
  /** Payments above this amount wait for a fraud review. */
  public static final BigDecimal FRAUD_REVIEW_LIMIT = new BigDecimal("10000.00");

  private final DataSource dataSource;
  private final AtomicLong nextId = new AtomicLong();

  /**
   * Creates the service.
   *
   * @param dataSource the shop's connection pool
   */
  public PaymentService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Charges an order.
   *
   * @param orderId the order
   * @param amount the amount
   * @return true if the order is paid, false if it waits for a fraud review
   * @throws SQLException if the database refuses
   */
  public boolean charge(long orderId, BigDecimal amount) throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(false);
      try (PreparedStatement pay =
              c.prepareStatement("INSERT INTO lpdemo_payments VALUES (?, ?, ?)");
          PreparedStatement mark =
              c.prepareStatement("UPDATE lpdemo_orders SET status = ? WHERE id = ?")) {
        pay.setLong(1, nextId.incrementAndGet());
        pay.setLong(2, orderId);
        pay.setBigDecimal(3, amount);
        pay.executeUpdate();
        boolean review = amount.compareTo(FRAUD_REVIEW_LIMIT) > 0;
        mark.setString(1, review ? "REVIEW" : "PAID");
        mark.setLong(2, orderId);
        mark.executeUpdate();
        if (review) {
          // BUG (deliberate, leak 4 of 4): returns with the transaction open (no commit, no
          // rollback) and the Connection still borrowed: the catch below only handles errors.
          return false;
        }
      }
      c.commit();
      c.setAutoCommit(true);
      c.close();
      return true;
    } catch (SQLException e) {
      c.rollback();
      c.close();
      throw e;
    }
  }
}
