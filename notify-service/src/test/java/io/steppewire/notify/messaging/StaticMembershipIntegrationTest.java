package io.steppewire.notify.messaging;

import io.steppewire.notify.support.NotifyIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StaticMembershipIntegrationTest extends NotifyIntegrationTest {

    @Test
    void everyConcurrentConsumerOfEveryListenerJoinsUnderItsOwnStableInstanceId() {
        List<Optional<String>> expected = Stream.of("notify-articles", "notify-rate-changes")
                .flatMap(listener -> IntStream.range(0, 3).mapToObj(n -> Optional.of(INSTANCE_ID + "-" + listener + "-" + n)))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    admin.describeConsumerGroups(List.of("notify-service")).all().get().get("notify-service").members())
                    .extracting(MemberDescription::groupInstanceId)
                    .containsExactlyInAnyOrderElementsOf(expected));
        }
    }
}
