package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The whole of steppewire on one machine: a real Kafka broker (KRaft), the embedded MongoDB-wire
 * store and the four services, each as its own process. Start it with {@code local-stack/start}.
 */
public final class LocalStack implements AutoCloseable {

    /** The services in start order, with the part that gives each its port. */
    static final Map<String, Part> SERVICES = Map.of(
            "ingest-service", Part.INGEST,
            "rates-service", Part.RATES,
            "article-service", Part.ARTICLE,
            "notify-service", Part.NOTIFY);

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);

    /** {@code spring.kafka.streams.properties.group.instance.id}, as the environment variable Spring Boot binds. */
    static final String RATES_GROUP_INSTANCE_ID = "SPRING_KAFKA_STREAMS_PROPERTIES_GROUP_INSTANCE_ID";

    private final StackSettings settings;
    private final KafkaBroker kafka;
    private final EmbeddedStore store;
    private final Map<Part, List<ServiceProcess>> services = new EnumMap<>(Part.class);
    /** The news site and the banks' publications that the stack's services poll, having no internet. */
    private final MadeUpSites sites;
    /** The SMTP server notify-service sends e-mail alerts to, and the page where they can be read. */
    private final MailCatcher mail;
    private final boolean officialRatesOnSchedule;
    private final @Nullable StartupCache startupCache;
    private boolean freshData;

    /** A stack whose official rates are fetched only when asked, so its rates are what its user sent: for tests. */
    public LocalStack(StackSettings settings) {
        this(settings, false);
    }

    /**
     * @param officialRatesOnSchedule whether rates-service fetches the made-up banks on their schedules, as the command
     *                                line's stack does; otherwise only when asked ({@code POST /api/rates/sources/{id}/fetch})
     */
    public LocalStack(StackSettings settings, boolean officialRatesOnSchedule) {
        this.settings = settings;
        this.officialRatesOnSchedule = officialRatesOnSchedule;
        this.kafka = new KafkaBroker(settings.dataDir().resolve("kafka"), settings.port(Part.KAFKA),
                settings.port(Part.KAFKA_CONTROLLER));
        this.store = new EmbeddedStore(settings.dataDir().resolve("mongo"), settings.port(Part.MONGO));
        this.sites = new MadeUpSites(settings.port(Part.SITES), Clock.systemUTC());
        this.mail = new MailCatcher(settings.port(Part.MAIL), settings.port(Part.MAIL_WEB), settings.mailReaders(), Clock.systemUTC());
        this.startupCache = settings.startupCacheDir()
                .map(dir -> new StartupCache(dir, ServiceProcess.javaCommand(), LocalStack::log)).orElse(null);
    }

    public static void main(String[] args) throws Exception {
        StackSettings settings;
        try {
            settings = StackSettings.from(List.of(args), System::getenv, Path.of("").toAbsolutePath());
        } catch (StackSettings.HelpRequested help) {
            System.out.println(help.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping steppewire...");
            stack.close();
            System.out.println("Stopped. Data kept in " + settings.dataDir() + " (start with --wipe to clear it).");
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (IllegalStateException e) {
            System.err.println("\n" + e.getMessage());
            System.exit(1);
        }
        stack.printWelcome();
        if (settings.loadSamples() || stack.freshData) {
            List<String> loaded = new SampleLoader(stack.url(Part.INGEST), settings.apiKey()).loadBundledSamples();
            System.out.println("Loaded " + loaded.size() + " sample pages: " + String.join(", ", loaded));
            MadeUpSources madeUp = new MadeUpSources(stack.url(Part.INGEST), stack.url(Part.RATES), stack.sites.url(), settings.apiKey());
            madeUp.registerNews().forEach(line -> System.out.println("Source " + line + " (GET " + stack.url(Part.INGEST) + "/api/sources)"));
            System.out.println("Official rates: " + String.join(", ", madeUp.fetchOfficialRates(LocalDate.now()))
                    + " (GET " + stack.url(Part.RATES) + "/api/rates/sources)");
            System.out.println("Try: curl -s " + stack.url(Part.ARTICLE) + "/api/articles | head -c 600");
        }
        System.out.println("\nPress Ctrl-C to stop.");
        stopped.await();
    }

    /** Starts the store, the broker and the services, and waits until every service is healthy. */
    public void start() throws IOException, InterruptedException {
        if (settings.wipe()) {
            wipe(settings.dataDir(), settings.startupCacheDir());
        }
        // Fresh: no Kafka log yet. The start-up caches alone, which a wipe keeps, are no data.
        freshData = !Files.exists(settings.dataDir().resolve("kafka"));
        PortCheck.requireFree(settings);
        Files.createDirectories(settings.dataDir());
        log("Starting the MongoDB-wire store on " + store.uri() + " (data: " + settings.dataDir().resolve("mongo") + ")");
        store.start();
        if (settings.usesDefaultKey()) {
            log("The admin key is the published default '" + StackSettings.PUBLISHED_DEFAULT_KEY + "': the services are told to "
                    + "accept it (STEPPEWIRE_API_ALLOW_DEFAULT_KEY=true) because this stack is for this machine only. "
                    + "Pass --api-key=... or STEPPEWIRE_API_KEY to use your own.");
        }
        sites.start();
        log("Serving the made-up news and bank sites on " + sites.url());
        mail.start();
        log("Catching mail on smtp://" + mail.smtpHost() + ":" + mail.smtpPort() + "; read it on " + mail.url());
        log("Starting the Kafka broker (KRaft) on " + kafka.bootstrapServers() + " (data: " + settings.dataDir().resolve("kafka") + ")");
        kafka.start();
        Map<String, StartupCache.Launch> launches = launches();
        for (var entry : SERVICES.entrySet()) {
            List<ServiceProcess> instances = new ArrayList<>();
            List<Integer> ports = settings.instancePorts(entry.getValue());
            for (int n = 0; n < ports.size(); n++) {
                // The first instance keeps the service's plain name (and log), as a stack of one always had it.
                String name = n == 0 ? entry.getKey() : entry.getKey() + "-" + (n + 1);
                instances.add(new ServiceProcess(name, ports.get(n), launches.get(entry.getKey()),
                        settings.dataDir().resolve("logs").resolve(name + ".log")));
            }
            services.put(entry.getValue(), List.copyOf(instances));
        }
        for (var entry : services.entrySet()) {
            for (ServiceProcess service : entry.getValue()) {
                log("Starting " + service.name() + " on " + service.url()
                        + (service.cached() ? " (from its start-up cache)" : ""));
                service.start(serviceEnvironment(entry.getKey(), service.url()), settings.serviceJvmOptions());
            }
        }
        awaitAllHealthy();
    }

    /**
     * How each service is started: from its start-up cache, built first where this jar has none (all services at once,
     * with the broker and the store up, which the training runs need), or from its jar.
     */
    private Map<String, StartupCache.Launch> launches() throws InterruptedException {
        Map<String, Path> jars = new LinkedHashMap<>();
        SERVICES.keySet().forEach(service -> jars.put(service, ServiceProcess.jarOf(settings.repository(), service)));
        if (startupCache == null) {
            Map<String, StartupCache.Launch> plain = new HashMap<>();
            jars.forEach((service, jar) -> plain.put(service, StartupCache.Launch.plain(jar)));
            return plain;
        }
        Map<String, Future<StartupCache.Launch>> prepared = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            jars.forEach((service, jar) -> prepared.put(service, pool.submit(() -> startupCache.prepare(service, jar,
                    settings.serviceJvmOptions(), serviceEnvironment()))));
        }
        Map<String, StartupCache.Launch> launches = new HashMap<>();
        for (var entry : prepared.entrySet()) {
            try {
                launches.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                log("No start-up cache for " + entry.getKey() + " (" + e.getCause() + "); it starts from its jar");
                launches.put(entry.getKey(), StartupCache.Launch.plain(jars.get(entry.getKey())));
            }
        }
        return launches;
    }

    /** What every service is told about the stack; names match docker-compose.yml. */
    Map<String, String> serviceEnvironment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "MONGODB_URI", store.uri(),
                "STEPPEWIRE_API_KEY", settings.apiKey(),
                // The services refuse the published default key unless told that this machine is nobody else's.
                "STEPPEWIRE_API_ALLOW_DEFAULT_KEY", String.valueOf(settings.usesDefaultKey()),
                "SPRING_KAFKA_STREAMS_STATE_DIR", settings.dataDir().resolve("rates-state").toAbsolutePath().toString(),
                // The stack's own webhook receivers run on this machine, so loopback is allowed here only.
                "STEPPEWIRE_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128",
                // The dashboard that article-service serves calls every service from the browser.
                "STEPPEWIRE_HTTP_CORS_ALLOWED_ORIGINS", settings.dashboardOrigins());
    }

    /** notify-service sends its e-mail to the stack's mail catcher, names as in docker-compose.yml. */
    Map<String, String> mailEnvironment() {
        return Map.of("SPRING_MAIL_HOST", mail.smtpHost(), "SPRING_MAIL_PORT", String.valueOf(mail.smtpPort()));
    }

    /** rates-service reads the banks' publications from the made-up sites: the stack has no internet. */
    private Map<String, String> officialSources() {
        Map<String, String> urls = new HashMap<>();
        MadeUpSites.BANK_PATHS.keySet().forEach(bank -> {
            String prefix = "STEPPEWIRE_RATES_SOURCES_" + bank.toUpperCase(java.util.Locale.ROOT);
            urls.put(prefix + "_URL", sites.bankUrl(bank));
            if (!officialRatesOnSchedule) {
                // "-" is no schedule: a test's rates would otherwise change whenever a bank's publication time came.
                urls.put(prefix + "_SCHEDULE", "-");
            }
        });
        return urls;
    }

    /**
     * What one instance of a service is told: {@link #serviceEnvironment()}, and for rates-service a static group
     * identity of its Kafka Streams consumer. article-service and notify-service derive theirs (host name and port,
     * platform StaticMembership); rates-service does not yet, and without one its restart after a SIGKILL waits for
     * the dead member's session to time out (45 s) before the stream runs again.
     */
    Map<String, String> serviceEnvironment(Part part, String url) {
        Map<String, String> environment = new HashMap<>(serviceEnvironment());
        if (part == Part.RATES) {
            environment.put(RATES_GROUP_INSTANCE_ID, "rates-service-" + URI.create(url).getPort());
            environment.putAll(officialSources());
        }
        if (part == Part.NOTIFY) {
            environment.putAll(mailEnvironment());
        }
        if (part == Part.ARTICLE) {
            environment.putAll(settings.dashboardServices());
        }
        return environment;
    }

    private void awaitAllHealthy() throws InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> waits = new ArrayList<>();
            for (ServiceProcess service : allServices()) {
                waits.add(pool.submit(() -> {
                    service.awaitHealthy(HEALTH_TIMEOUT);
                    log(service.name() + " is healthy");
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                try {
                    wait.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IllegalStateException ise ? ise
                            : new IllegalStateException("A service failed to start", e.getCause());
                }
            }
        }
    }

    public String url(Part part) {
        return switch (part) {
            case KAFKA, KAFKA_CONTROLLER -> kafka.bootstrapServers();
            case MONGO -> store.uri();
            case SITES -> sites.url();
            case MAIL -> "smtp://" + mail.smtpHost() + ":" + mail.smtpPort();
            case MAIL_WEB -> mail.url();
            default -> services.get(part).getFirst().url();
        };
    }

    /** The URL of every instance of a service, first instance first. */
    public List<String> urls(Part part) {
        return services.get(part).stream().map(ServiceProcess::url).toList();
    }

    /** Instance n (from 0) of a service, e.g. for its log. */
    ServiceProcess instance(Part part, int instance) {
        return services.get(part).get(instance);
    }

    /** SIGKILLs instance n (from 0) of a service, as a crash would. */
    public void kill(Part part, int instance) throws InterruptedException {
        services.get(part).get(instance).kill();
    }

    /** Starts instance n (from 0) of a service again after {@link #kill} and waits until it is healthy. */
    public void restart(Part part, int instance) throws IOException, InterruptedException {
        ServiceProcess service = services.get(part).get(instance);
        service.restart();
        service.awaitHealthy(HEALTH_TIMEOUT);
    }

    /** Stops the broker, as an outage would (for the fault suite); {@link #startBroker} brings it back with its log. */
    void stopBroker() {
        kafka.close();
    }

    void startBroker() throws IOException {
        kafka.start();
    }

    /** Stops the store, as an outage would (for the fault suite); {@link #startStore} brings it back with its data. */
    void stopStore() {
        store.close();
    }

    void startStore() throws IOException {
        store.start();
    }

    private List<ServiceProcess> allServices() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    private void printWelcome() {
        System.out.println("""

                steppewire is up.
                  ingest-service   %s   POST /api/pages (text/plain, header X-Api-Key: %s)
                  rates-service    %s   POST /api/quotes
                  article-service  %s   GET /api/articles, GET /api/rates; the dashboard at /
                  notify-service   %s   POST /api/subscriptions
                  instances        %s of article-service and of notify-service%s
                  OpenAPI          <service>/v3/api-docs    health: <service>/actuator/health
                  made-up sites    %s/news/ and %s/banks/ (what the sources poll, offline)
                  caught mail      %s/ (JSON: %s/messages)   SMTP: %s
                  Kafka            %s
                  MongoDB (wire)   %s
                  logs             %s
                """.formatted(url(Part.INGEST), settings.apiKey(), url(Part.RATES), url(Part.ARTICLE), url(Part.NOTIFY),
                settings.instances(), settings.instances() == 1 ? ""
                        : " (also " + String.join(", ", urls(Part.ARTICLE).subList(1, settings.instances())) + " and "
                        + String.join(", ", urls(Part.NOTIFY).subList(1, settings.instances())) + ")",
                sites.url(), sites.url(), mail.url(), mail.url(), url(Part.MAIL), url(Part.KAFKA), url(Part.MONGO), settings.dataDir().resolve("logs")));
    }

    /** Stops the services first (they flush and leave their groups), then the broker, then the store. */
    @Override
    public void close() {
        if (startupCache != null) {
            startupCache.close();
        }
        allServices().parallelStream().forEach(ServiceProcess::close);
        kafka.close();
        store.close();
        sites.close();
        mail.close();
    }

    /** Deletes the data directory but the start-up caches in it, which are keyed by jar and never hold data. */
    static void wipe(Path dataDir, Optional<Path> startupCacheDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        log("Wiping " + dataDir + startupCacheDir.filter(dir -> dir.startsWith(dataDir))
                .map(dir -> " (keeping the start-up caches in " + dir + ")").orElse(""));
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(p -> startupCacheDir.map(dir -> !p.startsWith(dir) && !dir.startsWith(p)).orElse(true))
                    .forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
    }
}
