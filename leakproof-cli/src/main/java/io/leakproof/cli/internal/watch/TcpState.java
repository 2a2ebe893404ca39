package io.leakproof.cli.internal.watch;

/** The TCP states as {@code /proc/net/tcp} numbers them (include/net/tcp_states.h). */
public enum TcpState {
  /** 01. */
  ESTABLISHED,
  /** 02. */
  SYN_SENT,
  /** 03. */
  SYN_RECV,
  /** 04. */
  FIN_WAIT1,
  /** 05. */
  FIN_WAIT2,
  /** 06: closed by this side, waiting out stray packets; owned by no process. */
  TIME_WAIT,
  /** 07. */
  CLOSE,
  /** 08: the peer closed, this process has not: the classic sign of a socket nobody closes. */
  CLOSE_WAIT,
  /** 09. */
  LAST_ACK,
  /** 0A. */
  LISTEN,
  /** 0B. */
  CLOSING,
  /** 0C. */
  NEW_SYN_RECV,
  /** Anything else. */
  UNKNOWN;

  /**
   * Decodes the state column.
   *
   * @param hex for example {@code "01"}
   * @return the state
   */
  static TcpState ofHex(String hex) {
    int code;
    try {
      code = Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      return UNKNOWN;
    }
    TcpState[] all = values();
    return code >= 1 && code <= 12 ? all[code - 1] : UNKNOWN;
  }
}
