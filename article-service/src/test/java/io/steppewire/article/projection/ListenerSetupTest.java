package io.steppewire.article.projection;

import io.steppewire.article.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ListenerSetupTest extends ServiceTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void consumesEveryTopicInTheServicesOwnGroupSoInstancesSharePartitions() {
        List<MessageListenerContainer> containers = List.copyOf(listeners.getListenerContainers());

        assertThat(containers).hasSize(3);
        assertThat(containers).allSatisfy(c -> assertThat(c.getGroupId()).isEqualTo("article-service"));
        assertThat(containers).flatExtracting(c -> List.of(c.getContainerProperties().getTopics()))
                .containsExactlyInAnyOrder("news.articles.v1", "fx.quotes.v1", "fx.rate-changes.v1");
    }

    @Test
    void everyConsumerJoinsAsAStaticMemberNamedByInstanceAndListenerSoARestartTakesBackItsPartitions() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    admin.describeConsumerGroups(List.of("article-service")).all().get().get("article-service").members())
                    .extracting(MemberDescription::groupInstanceId)
                    .containsExactlyInAnyOrder(Optional.of(INSTANCE_ID + "-article-projection-0"),
                            Optional.of(INSTANCE_ID + "-quote-projection-0"), Optional.of(INSTANCE_ID + "-rate-change-projection-0")));
        }
    }
}
