package example.notes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A row of lp_spring.note. */
@Entity
public class Note {
  @Id private Long id;
  private String body;

  /** For JPA. */
  protected Note() {}

  /**
   * Creates a note.
   *
   * @param id the id
   * @param body the text
   */
  public Note(long id, String body) {
    this.id = id;
    this.body = body;
  }

  /**
   * Returns the text.
   *
   * @return the text
   */
  public String getBody() {
    return body;
  }
}
