package io.leakproof.spring.boot;

/**
 * A Leakproof setting in the Spring environment has a bad value, or settings conflict: the
 * application does not start, and Spring Boot's failure analysis prints {@link #property()},
 * {@link #value()} and {@link #rule()}.
 */
public final class InvalidLeakproofSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** @serial the property as the application wrote it. */
  private final String property;

  /** @serial the value, or a mask when it is a secret. */
  private final String value;

  /** @serial what the value must be, with Leakproof's own message. */
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param property the Spring property ({@code spring.datasource.leakproof.max-size})
   * @param value its value, already masked if secret
   * @param rule what is wrong and what the value must be
   * @param cause Leakproof's own exception
   */
  public InvalidLeakproofSettingException(
      String property, String value, String rule, RuntimeException cause) {
    super("Invalid Leakproof setting " + property + "=" + value + ": " + rule, cause);
    this.property = property;
    this.value = value;
    this.rule = rule;
  }

  /**
   * Returns the property.
   *
   * @return the Spring property name
   */
  public String property() {
    return property;
  }

  /**
   * Returns the value (masked if it is a secret).
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Returns the rule the value breaks.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }
}
