package io.steppewire.localstack.bench;

import java.nio.file.Path;

/**
 * Where the running stack listens and the admin key it accepts: {@code local-stack/start}'s defaults, each moved by a
 * system property ({@code -Dbench.notify=http://localhost:9084}) for a stack started with other ports or key.
 *
 * @param dataDir the stack's data directory, to read the store's file size from
 */
record StackAddresses(String ingestUrl, String ratesUrl, String articleUrl, String notifyUrl, String apiKey, String kafka,
                      String mongo, Path dataDir) {

    static StackAddresses fromSystemProperties() {
        return new StackAddresses(
                System.getProperty("bench.ingest", "http://localhost:8081"),
                System.getProperty("bench.rates", "http://localhost:8082"),
                System.getProperty("bench.article", "http://localhost:8083"),
                System.getProperty("bench.notify", "http://localhost:8084"),
                System.getProperty("bench.api-key", "local-dev-key"),
                System.getProperty("bench.kafka", "localhost:9092"),
                System.getProperty("bench.mongo", "mongodb://localhost:27017"),
                Path.of(System.getProperty("bench.data-dir", "data")));
    }

    /** Fails with the settings to check when a service does not answer its health check with 200. */
    void requireUp(BenchHttp http) {
        for (String service : new String[]{ingestUrl, ratesUrl, articleUrl, notifyUrl}) {
            BenchHttp.Answer health = http.get(service + "/actuator/health");
            if (health.status() != 200) {
                throw new IllegalStateException(service + "/actuator/health answered " + health.status()
                        + ": start the stack with local-stack/start, or point -Dbench.ingest/rates/article/notify at it");
            }
        }
    }
}
