package com.example.shop.http;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Asks a price service for prices. One path has the bug the demo is about. */
public final class PriceClient {
  private final CloseableHttpClient client;
  private final URI service;

  /**
   * Creates the client.
   *
   * @param client the HTTP client (bare or Leakproof)
   * @param service the price service's base URI
   */
  public PriceClient(CloseableHttpClient client, URI service) {
    this.client = client;
    this.service = service;
  }

  /**
   * Fetches a price: reads the body and closes the response.
   *
   * @param sku the item
   * @return the body's length
   * @throws IOException if the request fails or times out
   */
  public int price(int sku) throws IOException {
    try (ClassicHttpResponse r = client.executeOpen(null, new HttpGet(service.resolve("/price?sku=" + sku)), null)) {
      return EntityUtils.toByteArray(r.getEntity()).length;
    }
  }

  /**
   * Checks that the service has a price history, looking at the status only: the bug is that the
   * response (and its connection) is never closed.
   *
   * @param sku the item
   * @return whether the history exists
   * @throws IOException if the request fails or times out
   */
  @SuppressWarnings("MustBeClosedChecker") // the demo's leak, on purpose
  public boolean hasHistory(int sku) throws IOException {
    ClassicHttpResponse r = client.executeOpen(null, new HttpGet(service.resolve("/history?sku=" + sku)), null);
    return r.getCode() == 200;
  }
}
