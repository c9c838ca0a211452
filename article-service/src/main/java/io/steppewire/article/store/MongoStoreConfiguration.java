package io.steppewire.article.store;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/** The read store: the database named by {@code spring.mongodb.database} on {@code spring.mongodb.uri}. */
@Configuration(proxyBeanMethods = false)
public class MongoStoreConfiguration {

    @Bean
    MongoDatabase articlesDatabase(MongoDatabaseFactory factory) {
        return factory.getMongoDatabase();
    }
}
