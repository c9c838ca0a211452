package io.steppewire.ingest.sources;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** Two sources may not share a name: the name is the articles' {@code source}, and ids derive from it. */
public class DuplicateSourceNameException extends ProblemException {

    public DuplicateSourceNameException(String name) {
        super(HttpStatus.CONFLICT, "Source name taken", "A source named '" + name + "' exists already. Choose another"
                + " name, or change that source with PUT /api/sources/{id} (GET /api/sources lists them).");
        with("reason", "duplicate_name");
    }
}
