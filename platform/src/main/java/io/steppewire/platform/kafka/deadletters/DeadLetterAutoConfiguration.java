package io.steppewire.platform.kafka.deadletters;

import io.steppewire.events.Topic;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.kafka.KafkaPlatformAutoConfiguration;
import io.steppewire.platform.security.EndpointAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.util.List;

/** Dead-letter reading and redrive for every service that consumes topics, behind the admin key. */
@AutoConfiguration(after = KafkaPlatformAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean({CreatedTopics.class, KafkaProperties.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DeadLetterAutoConfiguration {

    @Bean
    DeadLetterTopics deadLetterTopics(ObjectProvider<CreatedTopics> services, KafkaProperties kafka) {
        List<Topic<?>> consumed = services.orderedStream().flatMap(s -> s.consumed().stream()).distinct().toList();
        return new DeadLetterTopics(consumed, kafka.buildConsumerProperties(), kafka.buildProducerProperties());
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterTopics deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    /** Dead letters are records of other people's data and of failures: the operator's only, before any service rule. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EndpointAccess deadLettersNeedTheAdminKey() {
        return rules -> rules.requestMatchers("/api/dead-letters/**").hasRole("ADMIN");
    }
}
