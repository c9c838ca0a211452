package io.steppewire.localstack;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.localstack.StackSettings.Part;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Events that only a SIGKILLed service can process, sent while it is down, and the check that it has processed them:
 * how {@link SigkillRecovery} tells that processing resumed. They are pages about Kyrgyz hydropower under a source of
 * their own, so the load's exact checks (its own source; alerts for energy and UZ) never see them:
 * <ul>
 *   <li>article-service: probe articles on every partition of {@code news.articles.v1} are stored;</li>
 *   <li>notify-service: their alerts reach the probe subscription's receiver;</li>
 *   <li>rates-service: a probe quote that moves from a reference quote, sent before the kill, comes out as a rate
 *       change on {@code fx.rate-changes.v1};</li>
 *   <li>ingest-service: a probe page is accepted (202) again.</li>
 * </ul>
 */
final class RecoveryProbes {

    /** What to send once the service is killed, and whether it has been processed. */
    interface Probe extends AutoCloseable {
        void sendWhileDown();

        boolean processed();

        @Override
        default void close() {
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "be"};
    private static final int ARTICLES_PER_PAGE = 3;

    private final LocalStack stack;
    private final String apiKey;
    private final AlertReceiver receiver;
    private final String subscriptionId;
    private final int articlePartitions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int names;

    /** @param subscriptionId the probe subscription (tags energy, countries KG), whose alerts go to {@code receiver} */
    RecoveryProbes(LocalStack stack, String apiKey, AlertReceiver receiver, String subscriptionId, int articlePartitions) {
        this.stack = stack;
        this.apiKey = apiKey;
        this.receiver = receiver;
        this.subscriptionId = subscriptionId;
        this.articlePartitions = articlePartitions;
    }

    /** The probe of a service, prepared before the kill. */
    Probe prepare(Part part) {
        String source = "recovery-probe-" + UUID.randomUUID().toString().substring(0, 8);
        return switch (part) {
            // Asks only for the articles not seen yet, so that the check adds little to what it measures.
            case ARTICLE -> new ArticleProbe(source, ids -> {
                ids.removeIf(this::articleStored);
                return ids.isEmpty();
            });
            case NOTIFY -> new ArticleProbe(source, ids -> {
                Set<String> alerted = receiver.alertIds();
                ids.removeIf(id -> alerted.contains(EventIds.alert(subscriptionId, id)));
                return ids.isEmpty();
            });
            case RATES -> new RateChangeProbe(source);
            case INGEST -> new AcceptedPageProbe(source);
            default -> throw new IllegalArgumentException(part + " consumes nothing");
        };
    }

    /**
     * Probe articles on every partition of the articles topic: every partition the killed service consumes resumed.
     * {@code done} is given the ids not yet seen processed, and removes those it sees.
     */
    private final class ArticleProbe implements Probe {

        private final String source;
        private final Predicate<Set<String>> done;
        private final Set<String> ids = new HashSet<>();

        ArticleProbe(String source, Predicate<Set<String>> done) {
            this.source = source;
            this.done = done;
        }

        @Override
        public void sendWhileDown() {
            Set<Integer> covered = new HashSet<>();
            while (covered.size() < articlePartitions) {
                for (String id : postPage(source, "2 April 2026", "0.01150 0%", ARTICLES_PER_PAGE)) {
                    ids.add(id);
                    covered.add(partitionOf(id));
                }
            }
        }

        @Override
        public boolean processed() {
            return done.test(ids);
        }
    }

    /** A moved quote of a source whose earlier quote was sent before the kill: the stream must turn it into a change. */
    private final class RateChangeProbe implements Probe {

        private final String source;
        private final KafkaConsumer<byte[], byte[]> changes;

        RateChangeProbe(String source) {
            this.source = source;
            changes = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.url(Part.KAFKA),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            List<TopicPartition> partitions = changes.partitionsFor(Topics.RATE_CHANGES.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            changes.assign(partitions);
            changes.seekToEnd(partitions);
            partitions.forEach(changes::position);
            postPage(source, "1 April 2026", "0.01150 0%", 1);
        }

        @Override
        public void sendWhileDown() {
            postPage(source, "2 April 2026", "0.01160 0.87%", 1);
        }

        @Override
        public boolean processed() {
            for (var change : changes.poll(Duration.ofMillis(50))) {
                if (new String(change.value(), StandardCharsets.UTF_8).contains(source)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            changes.close();
        }
    }

    /** ingest-service takes pages again: a probe page is answered 202, not refused or 503 while it catches up. */
    private final class AcceptedPageProbe implements Probe {

        private final String source;

        AcceptedPageProbe(String source) {
            this.source = source;
        }

        @Override
        public void sendWhileDown() {
            // Nothing can be sent to a service that is down; processed() tries.
        }

        @Override
        public boolean processed() {
            try {
                return send(page(source, "2 April 2026", "0.01150 0%", 1)).statusCode() == 202;
            } catch (IOException refused) {
                return false;
            }
        }
    }

    /** Posts a probe page to ingest-service and answers its articles' ids. */
    private List<String> postPage(String source, String date, String kgsUsd, int articles) {
        try {
            HttpResponse<String> response = send(page(source, date, kgsUsd, articles));
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Probe page refused: " + response.statusCode() + " " + response.body());
            }
            List<String> ids = new ArrayList<>();
            JSON.readTree(response.body()).path("articles").forEach((JsonNode article) -> ids.add(article.path("id").asString()));
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("Probe page not sent", e);
        }
    }

    private HttpRequest page(String source, String date, String kgsUsd, int articles) {
        StringBuilder page = new StringBuilder("• KGS/USD = " + kgsUsd + "\n  • KGS/USD = " + kgsUsd + "\n" + date + "\n");
        for (int i = 0; i < articles; i++) {
            String name = name(names++);
            page.append("""

                    Bishkek Hydropower Plant %s Starts Its Test Runs

                    BISHKEK – The %s hydropower plant on the Naryn river began test runs this week, the energy
                    ministry said, and will sell electricity to the national grid from next month.
                    """.formatted(name, name));
        }
        return HttpRequest.newBuilder(URI.create(stack.url(Part.INGEST) + "/api/pages?source=" + source))
                .header("Content-Type", "text/plain; charset=utf-8").header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(page.toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    private boolean articleStored(String id) {
        List<String> urls = stack.urls(Part.ARTICLE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getLast() + "/api/articles/" + id))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return send(request).statusCode() == 200;
        } catch (IOException down) {
            return false;
        }
    }

    /** The partition ingest-service's producer picks for an article: Kafka's default for a String key, the article id. */
    private int partitionOf(String articleId) {
        return Utils.toPositive(Utils.murmur2(articleId.getBytes(StandardCharsets.UTF_8))) % articlePartitions;
    }

    /** A Title Case word of its own for every probe article, as titles have no digits; distinct from the load's. */
    private static String name(int n) {
        StringBuilder word = new StringBuilder("Pro");
        do {
            word.append(SYLLABLES[n % 10]);
            n /= 10;
        } while (n > 0);
        return word.toString();
    }
}
