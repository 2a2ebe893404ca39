package example.notes;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The test application: JPA entity and repository, a transactional service, two controllers. */
@SpringBootApplication
public class NotesApplication {}
