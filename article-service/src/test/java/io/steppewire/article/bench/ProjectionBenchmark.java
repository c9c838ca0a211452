package io.steppewire.article.bench;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.article.ArticleServiceApplication;
import io.steppewire.article.articles.ArticleStore;
import io.steppewire.article.rates.RateStore;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.standin.StandInStore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test. Loads generated articles through Kafka (in-process KRaft broker, 6 partitions) into the
 * embedded store (mongo-java-server, memory backend), prints the projection rate, then drives typical
 * queries at a steady rate from a second JVM ({@link QueryLoadClient}) and prints p50/p99.
 *
 * <pre>
 * MAVEN_OPTS="-Xmx6g -XX:+UseZGC" ./mvnw -B -q -pl article-service -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.article.bench.ProjectionBenchmark [-Dexec.args="100000 100"]
 * </pre>
 * ZGC, as in production: the embedded store keeps every document on this JVM's heap, and G1's young pauses
 * (copying them) would set the query tails. The collector in use is printed first.
 *
 * <p>A production service has been running for hours, so the JIT compilers have long finished; in a fresh JVM they
 * take a third of the CPU for the first half minute. The benchmark therefore first projects a separate warm-up set
 * (other articles, same generator, same batches), waits until it is stored, stops the listeners and switches to a
 * new, empty generation of the read model (dropping the warm-up's), so that the measured articles go into an empty
 * store exactly as without the warm-up.
 * Arguments: number of articles (default 100000), requests per second (default 100; 0 measures the projection only),
 * warm-up articles (default 30000; 0 for none), warm-up seconds per query kind at its rate (default 10).
 */
public final class ProjectionBenchmark {

    private static final List<String> COUNTRIES = List.of("KZ", "KG", "TJ", "UZ", "TM");
    private static final List<String> TAGS = List.of("energy", "trade", "agriculture", "transport", "mining", "water",
            "finance", "health", "education", "culture");
    private static final List<String> ENTITIES = List.of("Steppe Rail", "Pamir Power", "Oasis Bank", "Caspian Port Authority",
            "Fergana Textiles", "Altyn Mining", "Silk Road Air", "Aral Fisheries", "Tien Shan Telecom", "Karakum Gas");
    private static final String[] WORDS = ("solar grid pipeline harvest cotton wheat border bridge railway station tariff "
            + "market bank loan budget ministry council river reservoir dam mine copper gold uranium wind farm plant factory "
            + "road airport flight cargo container port ferry truck export import price inflation currency reserve school "
            + "hospital vaccine clinic festival museum theatre library carpet melon apricot cattle pasture drought flood "
            + "snow winter summer parliament election mayor governor investor partner contract tender plan report survey "
            + "growth decline record season village city valley mountain lake desert steppe canal network signal tower")
            .split(" ");

    private static final long MEASURED_SEED = 20260314;
    private static final long WARM_UP_SEED = 20251231;

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmUpArticles = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        int queryWarmUpSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.printf(Locale.ROOT, "steppewire article-service benchmark: %,d articles, %d cores, max heap %,d MB, collectors %s%n",
                articles, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6, Topics.ARTICLES.name(), Topics.QUOTES.name(),
                Topics.RATE_CHANGES.name());
        broker.afterPropertiesSet();
        MongoServer store = StandInStore.inMemory();
        int storePort = freePort();
        store.bind("127.0.0.1", storePort);
        int httpPort = freePort();
        ConfigurableApplicationContext app = null;
        try {
            // The warm-up set goes first in the topic: its offsets are committed before the measured articles arrive.
            publish(broker.getBrokersAsString(), warmUpArticles, WARM_UP_SEED, articles);
            app = SpringApplication.run(ArticleServiceApplication.class,
                    "--server.port=" + httpPort,
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort,
                    "--spring.kafka.listener.concurrency=2",
                    "--steppewire.projection.listeners-enabled=false",
                    "--logging.level.root=WARN");
            MongoDatabase database = app.getBean(MongoDatabase.class);
            ProjectionGenerations generations = app.getBean(ProjectionGenerations.class);
            var listeners = app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers();
            if (warmUpArticles > 0) {
                long warming = System.nanoTime();
                listeners.forEach(c -> c.start());
                awaitStored(database, generations, warmUpArticles);
                listeners.forEach(c -> c.stop());
                emptyGeneration(app);
                System.out.printf(Locale.ROOT, "warm-up: projected %,d other generated articles in %.1f s (JIT), then stopped the listeners and switched to an empty generation%n",
                        warmUpArticles, (System.nanoTime() - warming) / 1e9);
            }

            long producing = System.nanoTime();
            publish(broker.getBrokersAsString(), articles, MEASURED_SEED, 0);
            double produceSeconds = (System.nanoTime() - producing) / 1e9;
            System.out.printf(Locale.ROOT, "published %,d articles in %.1f s (%,.0f/s)%n", articles, produceSeconds, articles / produceSeconds);

            var batches = app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .find("steppewire.article.projection.batch").tag("stream", "articles").timer();
            long batchesBefore = batches == null ? 0 : batches.count();
            double batchMillisBefore = batches == null ? 0 : batches.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            long cpuBefore = processCpuNanos();
            long projecting = System.nanoTime();
            listeners.forEach(c -> c.start());
            awaitStored(database, generations, articles);
            double projectSeconds = (System.nanoTime() - projecting) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "PROJECTION: %,d articles in %.1f s = %,.0f articles/s (listeners started to last article stored)%n",
                    articles, projectSeconds, articles / projectSeconds);
            // CPU per article is what decides the rate on 2 cores, and it moves less with the machine's other load.
            System.out.printf(Locale.ROOT, "projection CPU (this JVM: service, store, broker): %.1f s = %.2f ms per article, %.2f cores busy%n",
                    cpuSeconds, cpuSeconds * 1000 / articles, cpuSeconds / projectSeconds);
            if (batches != null) {
                long measuredBatches = Math.max(1, batches.count() - batchesBefore);
                System.out.printf(Locale.ROOT, "store writes: %,d batches, %.0f articles per batch, mean write %.1f ms%n",
                        measuredBatches, (double) articles / measuredBatches,
                        (batches.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - batchMillisBefore) / measuredBatches);
            }

            if (rate > 0) {
                runLoadClient("http://localhost:" + httpPort, rate, queryWarmUpSeconds);
            }
        } finally {
            if (app != null) {
                app.close();
            }
            store.shutdownNow();
            broker.destroy();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void awaitStored(MongoDatabase database, ProjectionGenerations generations, long count) throws InterruptedException {
        String articles = generations.current().active().collection("articles");
        while (database.getCollection(articles).estimatedDocumentCount() < count) {
            Thread.sleep(200);
        }
    }

    /** What a rebuild does without its replay: readers and writers move to a new, empty generation; the old one goes. */
    private static void emptyGeneration(ConfigurableApplicationContext app) {
        ProjectionGenerations generations = app.getBean(ProjectionGenerations.class);
        ArticleStore articles = app.getBean(ArticleStore.class);
        RateStore rates = app.getBean(RateStore.class);
        Generation empty = generations.startBuilding();
        articles.createIndexes(empty);
        rates.createIndexes(empty);
        Generation warm = generations.activate(empty);
        articles.drop(warm);
        rates.drop(warm);
    }

    /** Generates {@code count} articles numbered from {@code firstNumber} (numbers go into titles, hence ids). */
    private static void publish(String brokers, int count, long seed, int firstNumber) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate firstDay = LocalDate.parse("2025-01-01");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                ArticleIngested article = article(random, firstNumber + i, firstDay);
                producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), article.articleId(),
                        Topics.ARTICLES.valueSerde().serialize(Topics.ARTICLES.name(), article)));
            }
            producer.flush();
        }
    }

    /** A made-up article: words drawn from a small vocabulary (15 of 100 words per article), spread over 15 months. */
    static ArticleIngested article(SplittableRandom random, int n, LocalDate firstDay) {
        // An article is about a few things: its words come from its own 15 of the vocabulary.
        String[] vocabulary = new String[15];
        for (int w = 0; w < vocabulary.length; w++) {
            vocabulary[w] = WORDS[random.nextInt(WORDS.length)];
        }
        String title = sentence(random, vocabulary, 6 + random.nextInt(4)) + " " + n;
        List<BodyBlock> body = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            body.add(BodyBlock.paragraph(sentence(random, vocabulary, 30 + random.nextInt(20)) + "."));
        }
        LocalDate day = firstDay.plusDays(random.nextInt(455));
        Instant seen = day.atTime(6, 0).toInstant(java.time.ZoneOffset.UTC).plusSeconds(random.nextInt(43_200));
        String source = "bench-" + (n % 7);
        List<String> tags = random.nextBoolean() ? List.of(pick(random, TAGS)) : List.of(pick(random, TAGS), pick(random, TAGS)).stream().distinct().toList();
        List<String> entities = random.nextInt(3) == 0 ? List.of(pick(random, ENTITIES)) : List.of();
        return new ArticleIngested(EventIds.article(source, title, body.getFirst().text()), source, "bench-page-" + n, null, title,
                body, day, seen, seen, List.of(pick(random, COUNTRIES)), List.of(), tags, entities, List.of(), List.of());
    }

    private static String sentence(SplittableRandom random, String[] vocabulary, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void runLoadClient(String base, int rate, int warmUpSeconds) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = Path.of(QueryLoadClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process client = new ProcessBuilder(java, "-Xmx256m", "-cp", classes, QueryLoadClient.class.getName(), base,
                String.valueOf(rate), String.valueOf(warmUpSeconds), "10",
                "country=/api/articles?country=KZ",
                "tag+date-range=/api/articles?tag=energy&from=2025-06-01&to=2025-06-30",
                "two-word-q=/api/articles?q=solar%20grid",
                "country+two-word-q=/api/articles?country=UZ&q=copper%20mine")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream()))) {
            out.lines().forEach(line -> System.out.println("QUERY " + line));
        }
        client.waitFor();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ProjectionBenchmark() {
    }
}
