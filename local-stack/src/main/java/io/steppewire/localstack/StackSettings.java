package io.steppewire.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Everything the local stack can be told, from command-line flags ({@code --kafka-port=19092}) or
 * environment variables ({@code STEPPEWIRE_KAFKA_PORT=19092}); flags win.
 *
 * @param repository   the checkout whose services' jars are run ({@code <service>/target/<service>-*.jar})
 * @param dataDir      where Kafka, the store and the services keep their data and logs
 * @param ports        the port of every part, by part
 * @param apiKey       the admin key every service accepts for writes; the published default unless set
 * @param loadSamples  post the bundled sample pages once everything is up
 * @param wipe         delete the data directory before starting
 * @param serviceJvmOptions JVM options of each service process
 * @param instances    how many instances of article-service and of notify-service run, sharing partitions
 *                     through their consumer groups
 * @param startupCacheDir where the services' start-up caches are kept ({@link StartupCache}); empty: the services
 *                     start from their jars without one
 * @param mailReaders  the origins whose pages may read the mail catcher's answers (CORS): article-service's, where
 *                     the dashboard runs, unless set
 */
public record StackSettings(Path repository, Path dataDir, Map<Part, Integer> ports, String apiKey,
                            boolean loadSamples, boolean wipe, List<String> serviceJvmOptions, int instances,
                            Optional<Path> startupCacheDir, List<String> mailReaders) {

    /** The start-up caches' folder in the data directory; {@code --wipe} keeps it: a jar's cache never goes stale. */
    public static final String STARTUP_CACHE_DIR = "startup-cache";

    /** The most instances of a scaled service: each needs its own port, memory and consumers. */
    public static final int MAX_INSTANCES = 4;

    /** Instance n (from 0) of a scaled service listens on its part's port plus this step times n. */
    public static final int INSTANCE_PORT_STEP = 100;

    /** The key the README publishes; the services accept it only because the local stack says this machine is private. */
    public static final String PUBLISHED_DEFAULT_KEY = "local-dev-key";

    /** Whether the admin key is the published default, which the services then must be told to allow. */
    public boolean usesDefaultKey() {
        return apiKey.equals(PUBLISHED_DEFAULT_KEY);
    }

    /** The parts of the stack that listen on a port, with the flag and variable that move each. */
    public enum Part {
        KAFKA("Kafka broker", 9092),
        KAFKA_CONTROLLER("Kafka controller", 9093),
        MONGO("MongoDB-wire store", 27017),
        INGEST("ingest-service", 8081),
        RATES("rates-service", 8082),
        ARTICLE("article-service", 8083),
        NOTIFY("notify-service", 8084),
        SITES("made-up news and bank sites", 8085),
        MAIL("mail catcher's SMTP server", 1025),
        MAIL_WEB("mail catcher's web page", 8025);

        private final String label;
        private final int defaultPort;

        Part(String label, int defaultPort) {
            this.label = label;
            this.defaultPort = defaultPort;
        }

        public String label() {
            return label;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** The command-line flag that moves this part, e.g. {@code --kafka-port}. */
        public String flag() {
            return "--" + name().toLowerCase().replace('_', '-') + "-port";
        }

        /** The environment variable that moves this part, e.g. {@code STEPPEWIRE_KAFKA_PORT}. */
        public String variable() {
            return "STEPPEWIRE_" + name() + "_PORT";
        }
    }

    public StackSettings {
        ports = Map.copyOf(ports);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        mailReaders = List.copyOf(mailReaders);
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("--instances must be from 1 to " + MAX_INSTANCES + ", got " + instances);
        }
    }

    /** The mail catcher answers pages of article-service (the dashboard), by either name of this machine. */
    public StackSettings(Path repository, Path dataDir, Map<Part, Integer> ports, String apiKey, boolean loadSamples,
                         boolean wipe, List<String> serviceJvmOptions, int instances, Optional<Path> startupCacheDir) {
        this(repository, dataDir, ports, apiKey, loadSamples, wipe, serviceJvmOptions, instances, startupCacheDir,
                dashboardOrigins(ports.get(Part.ARTICLE)));
    }

    /** Where the dashboard is read from: article-service's first instance, as localhost or 127.0.0.1. */
    static List<String> dashboardOrigins(int articlePort) {
        return List.of("http://localhost:" + articlePort, "http://127.0.0.1:" + articlePort);
    }

    /** One instance of each service, with start-up caches in the data directory. */
    public StackSettings(Path repository, Path dataDir, Map<Part, Integer> ports, String apiKey,
                         boolean loadSamples, boolean wipe, List<String> serviceJvmOptions) {
        this(repository, dataDir, ports, apiKey, loadSamples, wipe, serviceJvmOptions, 1,
                Optional.of(dataDir.resolve(STARTUP_CACHE_DIR)));
    }

    /** The same settings, with the services started from their jars as they are. */
    public StackSettings withoutStartupCache() {
        return new StackSettings(repository, dataDir, ports, apiKey, loadSamples, wipe, serviceJvmOptions, instances,
                Optional.empty(), mailReaders);
    }

    public int port(Part part) {
        return ports.get(part);
    }

    /**
     * A stack for a test run: every port free on loopback (with room for each scaled part's further instances), data
     * under {@code dataDir}, the services' JVMs kept small, and no samples. The repository is the checkout the test
     * runs in ({@code steppewire.repository}, else the parent folder). The start-up caches live in the checkout's
     * {@code target/startup-cache}, not in the test's data: the suites of one build share them, and a later run of
     * unchanged jars starts at once.
     */
    public static StackSettings forTests(Path dataDir, String apiKey, int instances) {
        Map<Part, Integer> ports = new java.util.EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            ports.put(part, isScaled(part) ? PortCheck.anyFreeWithRoomFor(instances) : PortCheck.anyFree());
        }
        Path repository = Path.of(System.getProperty("steppewire.repository", "..")).toAbsolutePath().normalize();
        return new StackSettings(repository, dataDir, ports, apiKey, false, false,
                List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), instances,
                Optional.of(repository.resolve("target").resolve(STARTUP_CACHE_DIR)));
    }

    /** Whether the part is a service that {@code --instances} scales: the consumers article-service and notify-service. */
    public static boolean isScaled(Part part) {
        return part == Part.ARTICLE || part == Part.NOTIFY;
    }

    /** The port of every instance of the part: its own port, then one {@link #INSTANCE_PORT_STEP} further per instance. */
    public List<Integer> instancePorts(Part part) {
        int count = isScaled(part) ? instances : 1;
        return IntStream.range(0, count).mapToObj(n -> port(part) + n * INSTANCE_PORT_STEP).toList();
    }

    /**
     * The origins of the dashboard (article-service's pages, every instance, by name and by address), which the
     * services allow to call them from a browser.
     */
    public String dashboardOrigins() {
        return String.join(",", instancePorts(Part.ARTICLE).stream().flatMap(port -> dashboardOrigins(port).stream()).toList());
    }

    /** Where the dashboard's browser finds the other services, as article-service's settings. */
    public Map<String, String> dashboardServices() {
        return Map.of("STEPPEWIRE_DASHBOARD_INGEST_URL", "http://localhost:" + port(Part.INGEST),
                "STEPPEWIRE_DASHBOARD_RATES_URL", "http://localhost:" + port(Part.RATES),
                "STEPPEWIRE_DASHBOARD_NOTIFY_URL", "http://localhost:" + port(Part.NOTIFY));
    }

    public static final String USAGE = """
            Usage: local-stack/start [options]
              --wipe                 delete ./data (Kafka log, store, service state) before starting;
                                     the start-up caches in ./data/startup-cache stay
              --samples              post the bundled sample pages, register the made-up news site's
                                     sources and fetch the made-up official rates once the stack is up
                                     (done by itself on the first start with an empty ./data)
              --data-dir=PATH        where data and logs live (default ./data; env STEPPEWIRE_DATA_DIR)
              --api-key=KEY          API key for writes (default local-dev-key; env STEPPEWIRE_API_KEY)
              --<part>-port=N        move a port; parts: kafka, kafka-controller, mongo, ingest, rates,
                                     article, notify, sites (the made-up news and bank sites),
                                     mail (the mail catcher's SMTP), mail-web (its page of caught mail)
                                     (env STEPPEWIRE_<PART>_PORT, e.g. STEPPEWIRE_KAFKA_PORT)
              --instances=N          run N (1 to 4) instances of article-service and of notify-service,
                                     sharing partitions; instance n listens on its port + 100*n
                                     (default 1; env STEPPEWIRE_INSTANCES)
              --mail-readers=ORIGINS comma-separated origins whose pages may read the caught mail (CORS;
                                     default article-service's, e.g. http://localhost:8083 and
                                     http://127.0.0.1:8083; env STEPPEWIRE_MAIL_READERS)
              --no-startup-cache     start the services from their jars, without the start-up cache
                                     (JDK AOT cache) that the first start of each build trains in
                                     ./data/startup-cache (env STEPPEWIRE_STARTUP_CACHE=false)
            """;

    /** Reads flags first, then the environment, then defaults. */
    public static StackSettings from(List<String> args, Function<String, String> environment, Path workingDirectory) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'.\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            flags.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Map<Part, Integer> ports = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            String value = flags.remove(part.flag());
            if (value == null) {
                value = environment.apply(part.variable());
            }
            ports.put(part, value == null ? part.defaultPort() : parsePort(part, value));
        }
        String dataDir = orElse(flags.remove("--data-dir"), environment.apply("STEPPEWIRE_DATA_DIR"), "data");
        String apiKey = orElse(flags.remove("--api-key"), environment.apply("STEPPEWIRE_API_KEY"), PUBLISHED_DEFAULT_KEY);
        String instances = orElse(flags.remove("--instances"), environment.apply("STEPPEWIRE_INSTANCES"), "1");
        String mailReaders = orElse(flags.remove("--mail-readers"), environment.apply("STEPPEWIRE_MAIL_READERS"), "");
        boolean samples = flags.remove("--samples") != null;
        boolean wipe = flags.remove("--wipe") != null;
        boolean startupCache = flags.remove("--no-startup-cache") == null
                && !"false".equalsIgnoreCase(String.valueOf(environment.apply("STEPPEWIRE_STARTUP_CACHE")).strip());
        if (flags.remove("--help") != null) {
            throw new HelpRequested();
        }
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("Unknown option " + flags.keySet() + ".\n" + USAGE);
        }
        Path data = workingDirectory.resolve(dataDir).normalize();
        return new StackSettings(workingDirectory, data, ports, apiKey,
                samples, wipe, List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                parseInstances(instances), startupCache ? Optional.of(data.resolve(STARTUP_CACHE_DIR)) : Optional.empty(),
                mailReaders.isBlank() ? dashboardOrigins(ports.get(Part.ARTICLE)) : parseOrigins(mailReaders));
    }

    /** Origins as a browser sends them: scheme, host and an optional port, nothing more. */
    private static List<String> parseOrigins(String value) {
        List<String> origins = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String origin = part.strip();
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("--mail-readers / STEPPEWIRE_MAIL_READERS takes origins such as "
                        + "http://localhost:8083, separated by commas; got '" + origin + "'");
            }
            origins.add(origin);
        }
        return origins;
    }

    private static int parseInstances(String value) {
        try {
            int instances = Integer.parseInt(value.strip());
            if (instances >= 1 && instances <= MAX_INSTANCES) {
                return instances;
            }
        } catch (NumberFormatException e) {
            // Named below with the accepted range.
        }
        throw new IllegalArgumentException("The number of instances must be from 1 to " + MAX_INSTANCES + ", got '" + value
                + "' (--instances / STEPPEWIRE_INSTANCES)");
    }

    private static int parsePort(Part part, String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port of the " + part.label() + " must be a number from 1 to 65535,"
                    + " got '" + value + "' (" + part.flag() + " / " + part.variable() + ")");
        }
    }

    private static String orElse(String flag, String variable, String fallback) {
        return flag != null ? flag : variable != null && !variable.isBlank() ? variable : fallback;
    }

    /** Thrown for {@code --help}: the caller prints {@link #USAGE}. */
    public static final class HelpRequested extends RuntimeException {
        public HelpRequested() {
            super(USAGE);
        }
    }
}
