package io.steppewire.platform.health;

import com.mongodb.client.MongoClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Store health for the services that have a store, by the one check both real and embedded stores answer. */
@AutoConfiguration(afterName = {"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@ConditionalOnClass(MongoClient.class)
public class HealthAutoConfiguration {

    @Bean("mongoHealthIndicator")
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnProperty(name = "spring.mongodb.database")
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient mongo, Environment environment) {
        return new MongoPingHealthIndicator(mongo, environment.getRequiredProperty("spring.mongodb.database"));
    }
}
