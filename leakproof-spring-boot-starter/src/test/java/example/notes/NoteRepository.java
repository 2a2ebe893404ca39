package example.notes;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA repository of notes. */
public interface NoteRepository extends JpaRepository<Note, Long> {}
