package io.steppewire.article.store;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.steppewire.platform.kafka.TransientFailures;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Tells a store that is briefly away (network, election, time-out) from a write that will never
 * succeed. The first kind is waited out for as long as it takes, because skipping an event would leave
 * the read model wrong for good.
 */
public final class StoreOutages {

    /** One failure of the chain that means the store is away rather than refusing the write for good. */
    public static final TransientFailures MONGODB = failure ->
            failure instanceof MongoSocketException || failure instanceof MongoTimeoutException
                    || failure instanceof MongoNotPrimaryException || failure instanceof MongoNodeIsRecoveringException
                    || failure instanceof MongoExecutionTimeoutException || failure instanceof MongoConnectionPoolClearedException
                    || failure instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"));

    /** True when the failure or any of its causes is a store outage. */
    public static boolean isOutage(@Nullable Throwable failure) {
        return TransientFailures.anyInChain(failure, List.of(MONGODB));
    }

    private StoreOutages() {
    }
}
