package io.steppewire.platform.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates every topic the service declares in its {@link CreatedTopics}, with the catalogue's settings. */
@AutoConfiguration
@EnableConfigurationProperties({TopicProperties.class, FailurePolicyProperties.class})
public class KafkaPlatformAutoConfiguration {

    @Bean
    @ConditionalOnBean(CreatedTopics.class)
    KafkaAdmin.NewTopics catalogueTopics(ObjectProvider<CreatedTopics> services, TopicProperties layout) {
        return TopicDeclarations.of(services.orderedStream().toList(), layout);
    }
}
