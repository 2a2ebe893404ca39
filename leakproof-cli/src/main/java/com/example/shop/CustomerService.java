package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Customers. {@link #loyaltyTier} closes what it opens on the normal path, by hand, and returns
 * early for an unknown customer, leaving the ResultSet, the statement and the Connection open.
 */
public final class CustomerService {
  private final DataSource dataSource;

  /**
   * Creates the service.
   *
   * @param dataSource the shop's connection pool
   */
  public CustomerService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Returns a customer's loyalty tier.
   *
   * @param customerId the customer
   * @return the tier, or {@code "NONE"} for an unknown customer
   * @throws SQLException if the query fails
   */
  public String loyaltyTier(long customerId) throws SQLException {
    Connection c = dataSource.getConnection();
    PreparedStatement ps = c.prepareStatement("SELECT tier FROM lpdemo_customers WHERE id = ?");
    ps.setLong(1, customerId);
    ResultSet rs = ps.executeQuery();
    if (!rs.next()) {
      // BUG (deliberate, leak 2 of 4): an early return leaves the ResultSet, the statement and
      // the Connection acquired above open. Only unknown customers take this path.
      return "NONE";
    }
    String tier = rs.getString(1);
    rs.close();
    ps.close();
    c.close();
    return tier;
  }
}
