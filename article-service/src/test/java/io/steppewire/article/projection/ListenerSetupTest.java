package io.steppewire.article.projection;

import io.steppewire.article.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
