package io.leakproof.cli.internal.demo;

import com.example.shop.PaymentService;
import com.example.shop.Request;
import com.example.shop.Request.Kind;
import com.example.shop.ShopSchema;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's requests: a deterministic function of the request number, so that every pool gets
 * exactly the same traffic. Most requests take correct code paths; request {@code n} with {@code n
 * % leakEvery == leakEvery / 2} takes one of the shop's four leaking paths, in turn.
 */
final class Traffic {
  /** A customer id the sample data does not have: the loyalty lookup's early return. */
  private static final long UNKNOWN_CUSTOMER = 999_999;

  /** An amount above {@link PaymentService#FRAUD_REVIEW_LIMIT}: the payment's early return. */
  private static final BigDecimal REVIEW_AMOUNT = new BigDecimal("25000.00");

  /** What each leaking method does wrong, by the method's name in a call site. */
  private static final Map<String, String> BUGS =
      Map.of(
          "OrderRepository.countOpenOrders", "Connection never closed",
          "CustomerService.loyaltyTier", "early return leaves ResultSet and Connection open",
          "InventoryService.reserve", "exception skips close() (no try-with-resources)",
          "PaymentService.charge", "transaction left open, Connection never returned");

  private final int leakEvery;
  private final long seed;

  Traffic(int leakEvery, long seed) {
    this.leakEvery = leakEvery;
    this.seed = seed;
  }

  /** Returns whether request {@code n} takes a leaking path. */
  boolean leaks(long n) {
    return leakEvery > 0 && n % leakEvery == leakEvery / 2;
  }

  /** Returns request number {@code n}. */
  Request request(long n) {
    SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
    long customer = 1L + r.nextInt(ShopSchema.CUSTOMERS);
    long product = 1L + r.nextInt(ShopSchema.PRODUCTS);
    long order = 1L + r.nextInt(ShopSchema.ORDERS);
    BigDecimal amount = BigDecimal.valueOf(500 + r.nextInt(90_000), 2);
    if (leaks(n)) {
      return switch ((int) ((n / leakEvery) % 4)) {
        case 0 -> new Request(Kind.DASHBOARD, customer, product, order, 0, amount);
        case 1 -> new Request(Kind.LOYALTY, UNKNOWN_CUSTOMER, product, order, 0, amount);
        case 2 -> new Request(Kind.RESERVE, customer, product, order, 0, amount);
        default -> new Request(Kind.CHARGE, customer, product, order, 0, REVIEW_AMOUNT);
      };
    }
    double p = r.nextDouble();
    Kind kind;
    if (p < 0.35) {
      kind = Kind.BROWSE;
    } else if (p < 0.60) {
      kind = Kind.ORDER_HISTORY;
    } else if (p < 0.75) {
      kind = Kind.PLACE_ORDER;
    } else if (p < 0.85) {
      kind = Kind.LOYALTY;
    } else if (p < 0.93) {
      kind = Kind.RESERVE;
    } else if (p < 0.98) {
      kind = Kind.CHARGE;
    } else {
      kind = Kind.SALES_REPORT;
    }
    return new Request(kind, customer, product, order, 1 + r.nextInt(3), amount);
  }

  /**
   * Names the bug behind a leak's call site, when it is one of the shop's.
   *
   * @param callSite a call site from a leak report
   * @return the bug, or an empty string
   */
  static String bugAt(String callSite) {
    for (Map.Entry<String, String> e : BUGS.entrySet()) {
      if (callSite.contains("com.example.shop." + e.getKey() + "(")) {
        return e.getValue();
      }
    }
    return "";
  }
}
