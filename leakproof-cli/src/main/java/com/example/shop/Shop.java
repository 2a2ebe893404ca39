package com.example.shop;

import java.sql.SQLException;
import javax.sql.DataSource;

/** The shop's request handler: routes a request to the service that serves it. */
public final class Shop {
  private final CatalogService catalog;
  private final OrderRepository orders;
  private final CustomerService customers;
  private final InventoryService inventory;
  private final PaymentService payments;

  /**
   * Creates the shop on a connection pool.
   *
   * @param dataSource the pool
   */
  public Shop(DataSource dataSource) {
    this.catalog = new CatalogService(dataSource);
    this.orders = new OrderRepository(dataSource);
    this.customers = new CustomerService(dataSource);
    this.inventory = new InventoryService(dataSource);
    this.payments = new PaymentService(dataSource);
  }

  /**
   * Serves one request.
   *
   * @param r the request
   * @throws SQLException if the database (or the pool) fails the request
   */
  public void handle(Request r) throws SQLException {
    switch (r.kind()) {
      case BROWSE -> catalog.browse(20);
      case ORDER_HISTORY -> orders.recentOrders(r.customerId());
      case PLACE_ORDER -> orders.placeOrder(r.customerId(), r.amount());
      case LOYALTY -> customers.loyaltyTier(r.customerId());
      case RESERVE -> inventory.reserve(r.productId(), r.quantity());
      case CHARGE -> payments.charge(r.orderId(), r.amount());
      case SALES_REPORT -> catalog.salesByTier();
      case DASHBOARD -> orders.countOpenOrders(r.customerId());
    }
  }
}
