package example.notes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /leak} borrows a connection and never closes it; {@code /count} is well behaved. */
@RestController
public class LeakController {

  /** The line of {@link #leak()} that borrows: the call site the leak report must name. */
  public static final int LEAK_LINE = 30;

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;

  LeakController(DataSource dataSource, JdbcTemplate jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  @GetMapping("/leak")
  @SuppressWarnings("MustBeClosedChecker") // the leak is the point
  String leak() throws SQLException {
    Connection c = dataSource.getConnection(); // LEAK_LINE: never closed
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("select 1");
    rs.next();
    return "leaked " + rs.getInt(1);
  }

  @GetMapping("/count")
  long count() {
    Long n = jdbc.queryForObject("select count(*) from note", Long.class);
    return n == null ? 0 : n;
  }
}
