package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The product catalogue. Correct code: try-with-resources closes everything. */
public final class CatalogService {
  private final DataSource dataSource;

  /**
   * Creates the service.
   *
   * @param dataSource the shop's connection pool
   */
  public CatalogService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Lists the products in stock, cheapest first.
   *
   * @param limit how many
   * @return product names
   * @throws SQLException if the query fails
   */
  public List<String> browse(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT name FROM lpdemo_products WHERE stock > 0 ORDER BY price, id")) {
      ps.setMaxRows(limit);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }

  /**
   * Sums the orders by customer tier (the sales dashboard).
   *
   * @return one line per tier
   * @throws SQLException if the query fails
   */
  public List<String> salesByTier() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT cu.tier, COUNT(*), SUM(o.total) FROM lpdemo_orders o"
                    + " JOIN lpdemo_customers cu ON cu.id = o.customer_id GROUP BY cu.tier");
        ResultSet rs = ps.executeQuery()) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString(1) + ": " + rs.getLong(2) + " orders, " + rs.getBigDecimal(3));
      }
      return lines;
    }
  }
}
