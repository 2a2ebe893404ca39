package com.example.shop;

import java.math.BigDecimal;

/**
 * One request to the shop, as its web layer would decode it.
 *
 * @param kind what is asked
 * @param customerId the customer it concerns
 * @param productId the product it concerns
 * @param orderId the order it concerns
 * @param quantity a quantity (reservations)
 * @param amount an amount (orders, payments)
 */
public record Request(
    Kind kind, long customerId, long productId, long orderId, int quantity, BigDecimal amount) {

  /** What a request asks for. */
  public enum Kind {
    /** The product list. */
    BROWSE,
    /** A customer's latest orders. */
    ORDER_HISTORY,
    /** A new order. */
    PLACE_ORDER,
    /** A customer's loyalty tier. */
    LOYALTY,
    /** A stock reservation. */
    RESERVE,
    /** A payment. */
    CHARGE,
    /** The sales dashboard. */
    SALES_REPORT,
    /** The admin dashboard's open-orders widget. */
    DASHBOARD
  }
}
