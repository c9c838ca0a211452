package io.steppewire.notify.bench;

import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.events.Topics;
import io.steppewire.standin.StandInStore;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's peers for the benchmark, the Kafka broker and the store: in the benchmark's JVM, or in a JVM of their
 * own, as they are in production, where their heap (the in-memory store holds every alert and delivery of the run)
 * and its collections do not stop the service whose latency is measured. {@link #inOwnJvm()} launches this class's {@link #main} as a child
 * process on the benchmark's own class path; the child prints where its peers listen and lives until its standard
 * input closes, so it ends with the benchmark even when that is killed. Its JVM options:
 * {@code -Dnotify.bench.peers-java-options} (default {@code -Xmx2g}).
 */
final class BenchmarkPeers implements AutoCloseable {

    private static final String READY = "peers ";

    private final AutoCloseable stop;
    private final String kafkaBrokers;
    private final int mongoPort;

    private BenchmarkPeers(AutoCloseable stop, String kafkaBrokers, int mongoPort) {
        this.stop = stop;
        this.kafkaBrokers = kafkaBrokers;
        this.mongoPort = mongoPort;
    }

    /** The broker and the store in the benchmark's own JVM. */
    static BenchmarkPeers inThisJvm() {
        MongoServer mongo = StandInStore.inMemory();
        InetSocketAddress mongoAddress = mongo.bind();
        EmbeddedKafkaKraftBroker kafka = broker();
        return new BenchmarkPeers(() -> {
            kafka.destroy();
            mongo.shutdownNow();
        }, kafka.getBrokersAsString(), mongoAddress.getPort());
    }

    private static EmbeddedKafkaKraftBroker broker() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6,
                Topics.ARTICLES.name(), Topics.RATE_CHANGES.name(), Topics.ALERTS.name());
        kafka.afterPropertiesSet();
        return kafka;
    }

    /** Starts the broker and the store in a child JVM and answers once both listen. */
    static BenchmarkPeers inOwnJvm() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(System.getProperty("notify.bench.peers-java-options", "-Xmx2g").split(" ")));
        command.addAll(List.of("-cp", classPath(), BenchmarkPeers.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                String[] where = line.substring(READY.length()).split(" ");
                // The child's further output is not needed; reading it keeps its pipe from filling.
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
                return new BenchmarkPeers(() -> stop(process), where[0], Integer.parseInt(where[1]));
            }
        }
        throw new IOException("The peers' process ended before its broker and store listened (exit " + process.waitFor() + ")");
    }

    String kafkaBrokers() {
        return kafkaBrokers;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }

    private static void stop(Process process) throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * The class path this benchmark runs on: Maven's exec plugin loads the project through a class loader of its own,
     * so {@code java.class.path} names Maven, not the project.
     */
    private static String classPath() {
        if (BenchmarkPeers.class.getClassLoader() instanceof URLClassLoader loader) {
            return String.join(java.io.File.pathSeparator, Arrays.stream(loader.getURLs()).map(BenchmarkPeers::path).toList());
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkPeers peers = inThisJvm();
        System.out.println(READY + peers.kafkaBrokers() + " " + peers.mongoPort);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // Nothing is sent: the benchmark closing this input (or ending) is the signal to stop.
            }
        }
        peers.close();
        System.exit(0);
    }
}
