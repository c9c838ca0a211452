package io.steppewire.article.store;

import com.mongodb.MongoException;
import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

import java.util.function.Supplier;

/**
 * Runs a query of the read store for an HTTP answer: when the store fails to answer, the reader gets 503
 * with {@code Retry-After} instead of an internal error, since the same question will work once it is back.
 */
public final class ReadStoreQueries {

    static final String RETRY_AFTER_SECONDS = "5";

    public static <T> T answer(Supplier<T> query) {
        try {
            return query.get();
        } catch (MongoException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Read store unavailable",
                    "The read store did not answer; try again in a few seconds.", e)
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    private ReadStoreQueries() {
    }
}
