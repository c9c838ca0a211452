package io.steppewire.platform.kafka;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;

import java.util.List;

/**
 * A MongoDB store briefly away (network, election, time-out), as opposed to a write it refuses for good: the
 * record is fine, so a consumer waits the outage out instead of dead-lettering it. For the services with a store;
 * loaded only where the MongoDB driver is.
 */
public final class MongoOutages {

    /** One failure of the chain that means the store is away; Spring Data's translation of one counts too. */
    public static final TransientFailures MONGODB = failure ->
            failure instanceof MongoSocketException || failure instanceof MongoTimeoutException
                    || failure instanceof MongoNotPrimaryException || failure instanceof MongoNodeIsRecoveringException
                    || failure instanceof MongoExecutionTimeoutException || failure instanceof MongoConnectionPoolClearedException
                    || failure instanceof DataAccessResourceFailureException
                    || failure instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"));

    /** True when the failure or any of its causes is a store outage. */
    public static boolean isOutage(@Nullable Throwable failure) {
        return TransientFailures.anyInChain(failure, List.of(MONGODB));
    }

    private MongoOutages() {
    }
}
