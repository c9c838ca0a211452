package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Measures fast recovery, not a test: starts the local stack on free ports, SIGKILLs one consumer service
 * (article-service or notify-service), posts a page while it is down, restarts it and prints how long from
 * the restart until the page's article is stored (article) or its alert delivered (notify), and how much of
 * that the service's own start took.
 *
 * <p>{@code ./mvnw -B -q -pl local-stack test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.steppewire.localstack.RecoveryMeasurement -Dexec.args="notify 3"} (service, rounds).
 */
public final class RecoveryMeasurement {

    private static final String API_KEY = "recovery-measurement-key";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> PAGES = List.of("pages/desert-sun-2026-04-02.txt", "pages/desert-sun-2026-04-03.txt");

    public static void main(String[] args) throws Exception {
        Part service = args.length > 0 && args[0].startsWith("article") ? Part.ARTICLE : Part.NOTIFY;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<Part, Integer> ports = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            ports.put(part, PortCheck.anyFree());
        }
        Path data = Files.createTempDirectory("steppewire-recovery");
        Path repository = repository();
        try (LocalStack stack = new LocalStack(new StackSettings(repository, data.resolve("data"), ports, API_KEY, false, false,
                List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
             WebhookReceiver receiver = new WebhookReceiver()) {
            stack.start();
            NewsDesk desk = new NewsDesk(stack.url(Part.INGEST), stack.url(Part.ARTICLE), stack.url(Part.NOTIFY), API_KEY);
            require(desk.subscribe("""
                    {"name": "recovery", "channel": {"type": "webhook", "url": "%s", "secret": "recovery-secret-0123"},
                     "rules": {"tags": ["energy"], "countries": ["UZ"]}}""".formatted(receiver.url())).status() == 201, "subscribe");
            for (int round = 1; round <= rounds; round++) {
                // Every round posts under a source of its own, so each is a new article and a new alert.
                String source = "recovery-" + round;
                stack.kill(service, 0);
                int alertsBefore = receiver.deliveries().size();
                var accepted = desk.postPage(source, NewsDesk.resource(PAGES.get(round % PAGES.size())));
                require(accepted.status() == 202, "page accepted: " + accepted.body());
                String articleId = accepted.body().path("articles").get(0).path("id").asString();
                long restart = System.nanoTime();
                stack.restart(service, 0);
                long healthy = System.nanoTime();
                await(service == Part.ARTICLE
                        ? () -> desk.get(stack.url(Part.ARTICLE) + "/api/articles/" + articleId).status() == 200
                        : () -> receiver.deliveries().size() > alertsBefore
                                && receiver.deliveries().stream().anyMatch(d -> d.body().contains(articleId)));
                long processed = System.nanoTime();
                System.out.printf("round %d: %s restarted after SIGKILL; healthy after %.1f s, event processed %.1f s after the restart%n",
                        round, service.label(), (healthy - restart) / 1e9, (processed - restart) / 1e9);
            }
        }
    }

    private static Path repository() {
        Path here = Path.of(System.getProperty("steppewire.repository", "")).toAbsolutePath().normalize();
        return Files.isDirectory(here.resolve("local-stack")) ? here : here.getParent();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not processed within " + PATIENCE.toMinutes() + " min");
            }
            Thread.sleep(50);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("Failed: " + what);
        }
    }

    private RecoveryMeasurement() {
    }
}
