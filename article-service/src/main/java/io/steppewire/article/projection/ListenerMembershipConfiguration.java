package io.steppewire.article.projection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The projection's consumers join their group as static members; Boot's listener container factory applies this. */
@Configuration(proxyBeanMethods = false)
public class ListenerMembershipConfiguration {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership(
            @Value("${steppewire.kafka.instance-id:}") String configured, @Value("${server.port:8080}") int port) {
        return new StaticMembership<>(StaticMembership.instanceId(configured, StaticMembership.hostName(), port));
    }
}
