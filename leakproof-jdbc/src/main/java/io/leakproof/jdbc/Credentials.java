package io.leakproof.jdbc;

/**
 * A user name and password for one new connection, as returned by a credentials supplier (see
 * {@link DataSourceConfig.Builder#credentials}). {@link #toString()} never shows the password.
 *
 * @param username the database user, or {@code null} to let the driver or URL decide
 * @param password the password, or {@code null} for none
 */
public record Credentials(String username, String password) {

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "****")
        + "]";
  }
}
