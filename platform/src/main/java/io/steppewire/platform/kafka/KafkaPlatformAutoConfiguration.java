package io.steppewire.platform.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Clock;

/** Creates every topic the service declares in its {@link CreatedTopics}, with the catalogue's settings. */
@AutoConfiguration
@EnableConfigurationProperties({TopicProperties.class, FailurePolicyProperties.class})
public class KafkaPlatformAutoConfiguration {

    /** Health shows DEGRADED while consumers wait out an outage; quiet for three of the longest back-off pauses means over. */
    @Bean("consumerOutages")
    ConsumerOutages consumerOutages(FailurePolicyProperties failures) {
        return new ConsumerOutages(failures.outageRetryMaxInterval().multipliedBy(3), Clock.systemUTC());
    }

    /**
     * Consumers join their groups as static members, so an instance restarted after a crash takes its partitions back
     * at once ({@code steppewire.kafka.instance-id}, env {@code STEPPEWIRE_INSTANCE_ID}; else host name and port).
     */
    @Bean
    StaticMembership<Object, Object> kafkaStaticMembership(Environment environment) {
        return new StaticMembership<>(StaticMembership.instanceId(environment.getProperty("steppewire.kafka.instance-id"),
                StaticMembership.hostName(), environment.getProperty("server.port", Integer.class, 8080)));
    }

    @Bean
    @ConditionalOnBean(CreatedTopics.class)
    KafkaAdmin.NewTopics catalogueTopics(ObjectProvider<CreatedTopics> services, TopicProperties layout) {
        return TopicDeclarations.of(services.orderedStream().toList(), layout);
    }
}
