package example.notes;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Transactional work the tests run: a rollback, a read-only read, a serializable one. */
@Service
public class NoteService {
  private final NoteRepository notes;
  private final JdbcTemplate jdbc;

  NoteService(NoteRepository notes, JdbcTemplate jdbc) {
    this.notes = notes;
    this.jdbc = jdbc;
  }

  /**
   * Saves a note and fails: the transaction rolls back.
   *
   * @param id the note
   */
  @Transactional
  public void saveThenFail(long id) {
    notes.saveAndFlush(new Note(id, "rolled back"));
    jdbc.update("insert into note(id, body) values (?, ?)", id + 1, "also rolled back");
    throw new IllegalStateException("fails after writing");
  }

  /**
   * Saves a note.
   *
   * @param id the note
   */
  @Transactional
  public void save(long id) {
    notes.save(new Note(id, "kept"));
  }

  /**
   * Reads the session's transaction state inside a read-only transaction.
   *
   * @return the server's view: transaction_read_only and isolation
   */
  @Transactional(readOnly = true)
  public Map<String, Object> readOnlyState() {
    notes.count();
    return state();
  }

  /**
   * Reads the session's transaction state inside a serializable transaction.
   *
   * @return the server's view
   */
  @Transactional(isolation = Isolation.SERIALIZABLE)
  public Map<String, Object> serializableState() {
    notes.count();
    return state();
  }

  private Map<String, Object> state() {
    return jdbc.queryForMap(
        "select current_setting('transaction_read_only') as read_only,"
            + " current_setting('transaction_isolation') as isolation,"
            + " pg_backend_pid() as pid");
  }
}
