package io.leakproof.cli.internal.watch;

/**
 * One line of {@code /proc/PID/net/tcp} or {@code tcp6}.
 *
 * @param local the local address and port, for example {@code 127.0.0.1:41522}
 * @param localPort the local port
 * @param remote the remote address and port
 * @param state the TCP state
 * @param inode the socket's inode (0 for TIME_WAIT sockets, which no process owns)
 */
public record TcpSocket(String local, int localPort, String remote, TcpState state, long inode) {}
