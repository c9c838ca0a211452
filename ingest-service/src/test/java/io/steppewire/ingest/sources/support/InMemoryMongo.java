package io.steppewire.ingest.sources.support;

import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.standin.StandInStore;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One mongo-java-server for the module's test JVM, started on first use, and the initializer (registered in
 * src/test/resources/META-INF/spring.factories) that points every test context's {@code spring.mongodb.uri} at it:
 * the source registry needs a store, and the module's tests share one application context.
 */
public final class InMemoryMongo implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final class Server {
        private static final MongoServer SERVER = StandInStore.inMemory();
        private static final String URI;

        static {
            InetSocketAddress address = SERVER.bind();
            URI = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::shutdownNow));
        }
    }

    public static String uri() {
        return Server.URI;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("in-memory-mongo", Map.of("spring.mongodb.uri", uri())));
    }
}
