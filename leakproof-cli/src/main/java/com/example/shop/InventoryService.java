package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Stock. {@link #reserve} closes its connection at the end, without try-with-resources or
 * finally, so an exception skips the close: a reservation the database refuses (a quantity of 0
 * breaks a CHECK constraint) leaks the connection.
 */
public final class InventoryService {
  private final DataSource dataSource;
  private final AtomicLong nextId = new AtomicLong();

  /**
   * Creates the service.
   *
   * @param dataSource the shop's connection pool
   */
  public InventoryService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Reserves stock for an order.
   *
   * @param productId the product
   * @param quantity how many
   * @throws SQLException if the database refuses the reservation
   */
  public void reserve(long productId, int quantity) throws SQLException {
    Connection c = dataSource.getConnection();
    PreparedStatement take =
        c.prepareStatement("UPDATE lpdemo_products SET stock = stock - ? WHERE id = ?");
    take.setInt(1, quantity);
    take.setLong(2, productId);
    take.executeUpdate();
    PreparedStatement note =
        c.prepareStatement("INSERT INTO lpdemo_reservations VALUES (?, ?, ?)");
    note.setLong(1, nextId.incrementAndGet());
    note.setLong(2, productId);
    note.setInt(3, quantity);
    // BUG (deliberate, leak 3 of 4): when this throws (quantity 0 breaks the CHECK constraint),
    // the close() calls below never run. The exception path leaks the Connection.
    note.executeUpdate();
    note.close();
    take.close();
    c.close();
  }
}
