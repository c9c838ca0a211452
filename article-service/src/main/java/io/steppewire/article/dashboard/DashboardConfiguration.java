package io.steppewire.article.dashboard;

import io.steppewire.platform.security.EndpointAccess;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** Before every other filter, so that refusals by the edge carry the headers too. */
    @Bean
    FilterRegistrationBean<DashboardHeaders> dashboardHeaders(DashboardProperties settings) {
        FilterRegistrationBean<DashboardHeaders> registration = new FilterRegistrationBean<>(new DashboardHeaders(settings));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean(destroyMethod = "close")
    KafkaStatus kafkaStatus(KafkaProperties kafka, DashboardProperties settings) {
        return new KafkaStatus(kafka.buildAdminProperties(), settings.kafkaTimeout(), Clock.systemUTC());
    }

    /** Group names, lag and failure counts are the operator's, like the dead letters themselves. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EndpointAccess operationsNeedTheAdminKey() {
        return rules -> rules.requestMatchers("/api/operations/**").hasRole("ADMIN");
    }
}
