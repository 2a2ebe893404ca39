package io.leakproof.cli.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcReaderTest {
  @Test
  void parsesIpv4AndIpv6TablesIncludingIpv4MappedAddresses() {
    String tcp =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 24331 1 0000000000000000 100 0 0 10 0
           1: 0100007F:A3F2 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 98765 1 0000000000000000 20 4 30 10 -1
           2: 0100007F:A3F4 0100007F:1538 06 00000000:00000000 03:00000D6B 00000000     0        0 0 3 0000000000000000
        """;
    String tcp6 =
        """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0000000000000000FFFF00000100007F:B01C 0000000000000000FFFF00000100007F:1F90 08 00000000:00000000 00:00000000 00000000     0        0 55555 1 0000000000000000 20 4 0 10 -1
           1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0
        """;
    List<TcpSocket> v4 = ProcReader.parse(tcp, false);
    assertThat(v4)
        .containsExactly(
            new TcpSocket("127.0.0.1:5432", 5432, "0.0.0.0:0", TcpState.LISTEN, 24331),
            new TcpSocket("127.0.0.1:41970", 41970, "127.0.0.1:5432", TcpState.ESTABLISHED, 98765),
            new TcpSocket("127.0.0.1:41972", 41972, "127.0.0.1:5432", TcpState.TIME_WAIT, 0));
    List<TcpSocket> v6 = ProcReader.parse(tcp6, true);
    assertThat(v6)
        .containsExactly(
            new TcpSocket("127.0.0.1:45084", 45084, "127.0.0.1:8080", TcpState.CLOSE_WAIT, 55555),
            new TcpSocket("[::1]:22", 22, "[::]:0", TcpState.LISTEN, 777));
  }
}
