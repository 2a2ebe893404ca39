package io.leakproof.testkit.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/** The {@link Wrapper} part of every stub: a stub wraps nothing but itself. */
abstract class StubWrapper implements Wrapper {

  StubWrapper() {}

  @Override
  public final <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException(getClass().getSimpleName() + " does not wrap a " + type.getName());
  }

  @Override
  public final boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
