package io.steppewire.article.dashboard;

import io.steppewire.platform.problem.ProblemException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaStatusTest {

    @Test
    void aBrokerThatDoesNotAnswerIsA503ThatSaysToTryAgain() {
        try (KafkaStatus status = new KafkaStatus(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                Duration.ofMillis(300), Clock.systemUTC())) {
            assertThatThrownBy(status::read).isInstanceOfSatisfying(ProblemException.class, problem -> {
                org.assertj.core.api.Assertions.assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                org.assertj.core.api.Assertions.assertThat(problem.getMessage()).contains("Try again");
            });
        }
    }
}
