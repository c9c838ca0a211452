package io.steppewire.notify.messaging;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.MongoOutages;
import io.steppewire.platform.kafka.FailurePolicyProperties;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A store outage is waited out by the consumers; a record that fails for any other reason is dead-lettered. */
class MongoOutagesTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy(List.of(Topics.ARTICLES, Topics.RATE_CHANGES),
            new FailurePolicyProperties(2, Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(10)),
            List.of(MongoOutages.MONGODB), KafkaConfiguration.SOURCE);

    /** As the listener reports it: the failure of one record, wrapped. */
    private static Exception reported(Exception failure) {
        return new BatchListenerFailedException("Could not raise the alerts of news.articles.v1-0@7", failure, 0);
    }

    @Test
    void waitsOutAStoreThatIsAwayOrSlow() {
        ServerAddress store = new ServerAddress("127.0.0.1", 27017);
        assertThat(policy.isOutage(reported(new DataAccessResourceFailureException("Timed out while waiting for a server",
                new MongoTimeoutException("Timed out while waiting for a server"))))).isTrue();
        assertThat(policy.isOutage(reported(new DataAccessResourceFailureException("Prematurely reached end of stream",
                new MongoSocketReadException("Prematurely reached end of stream", store))))).isTrue();
    }

    @Test
    void deadLettersWhatNoWaitCanMend() {
        MongoWriteException duplicate = new MongoWriteException(new WriteError(11000, "duplicate key", new BsonDocument()),
                new ServerAddress("127.0.0.1", 27017), java.util.Set.of());
        assertThat(policy.isOutage(reported(new DuplicateKeyException("duplicate key", duplicate)))).isFalse();
        assertThat(policy.isOutage(reported(new IllegalArgumentException("thresholdPct must be a plain decimal")))).isFalse();
    }
}
