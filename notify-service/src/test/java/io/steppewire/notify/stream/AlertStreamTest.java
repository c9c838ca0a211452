package io.steppewire.notify.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.alerting.AlertStore;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class AlertStreamTest extends NotifyIntegrationTest {

    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private AlertStore store;
    @Autowired
    private MeterRegistry meters;

    @Test
    void streamsAlertsInOrderAndResumesAfterTheLastEventIdWithoutGaps() throws Exception {
        var created = JSON.readTree(postJson("/api/subscriptions", """
                {"name": "Silk road live", "channel": {"type": "sse"}, "rules": {"tags": ["silk-road"]}}
                """).body());
        String id = created.path("id").asString();
        String token = created.path("streamToken").asString();
        List<ArticleIngested> stories = List.of(
                Stories.article("Caravanserai in Bukhara Reopens as a Guest House", "BUKHARA – The restored inn took its first guests.",
                        List.of("UZ"), List.of("silk-road"), List.of()),
                Stories.article("Rail Freight from Kashgar Reaches Osh in Two Days", "OSH – The first container train crossed the pass.",
                        List.of("KG"), List.of("silk-road"), List.of()),
                Stories.article("Merv Excavation Finds a Coin Hoard", "MARY – Archaeologists counted more than four hundred coins.",
                        List.of("TM"), List.of("silk-road"), List.of()));
        stories.forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));

        List<OpenStream.Event> firstRead = read(id, "?token=" + token, null, 3);

        assertThat(firstRead).extracting(OpenStream.Event::id).containsExactly("1", "2", "3");
        assertThat(firstRead).extracting(e -> JSON.readTree(e.data()).path("eventId").asString())
                .containsExactlyInAnyOrderElementsOf(stories.stream().map(ArticleIngested::articleId).toList());

        List<OpenStream.Event> resumed = read(id, "", "Bearer " + token + "|2", 1);

        assertThat(resumed).containsExactly(firstRead.get(2));
    }

    @Test
    void aResumedStreamSendsALowerNumberWrittenAfterAHigherOneBeforeIt() throws Exception {
        String id = quietSubscription();
        TwoStepNumbering numbering = new TwoStepNumbering(mongo);
        for (int i = 1; i <= 4; i++) {
            numbering.storeNumbered(id, id + "-a" + i, Instant.now());
        }
        List.of("-a5", "-a6").forEach(alert -> numbering.store(id, id + alert, Instant.now()));
        // Two instances number one alert each: the one that reserved first writes last.
        long five = numbering.reserve(id);
        long six = numbering.reserve(id);
        numbering.write(id + "-a6", six, Instant.now());

        try (OpenStream stream = OpenStream.open(http, streamRequest(id, "4"), PATIENCE)) {
            stream.awaitComment("holding alert 6 until alert 5 arrives");
            numbering.write(id + "-a5", five, Instant.now());

            assertThat(List.of(stream.nextEvent(), stream.nextEvent()))
                    .extracting(OpenStream.Event::id, e -> JSON.readTree(e.data()).path("alertId").asString())
                    .containsExactly(tuple("5", id + "-a5"), tuple("6", id + "-a6"));
        }
    }

    @Test
    void aFreshStreamPassesAMissingFirstNumberAfterTheGracePeriod() throws Exception {
        String id = quietSubscription();
        TwoStepNumbering numbering = new TwoStepNumbering(mongo);
        numbering.store(id, id + "-a2", Instant.now());
        numbering.reserve(id); // number 1, taken by a writer that then lost the race: never written
        numbering.write(id + "-a2", numbering.reserve(id), Instant.now());
        double skippedBefore = skippedAfterGrace();

        try (OpenStream stream = OpenStream.open(http, streamRequest(id, null), PATIENCE)) {
            stream.awaitComment("holding alert 2 until alert 1 arrives");

            assertThat(stream.nextEvent().id()).isEqualTo("2");
        }
        assertThat(skippedAfterGrace()).isGreaterThanOrEqualTo(skippedBefore + 1);
    }

    @Test
    void refusesAStreamWithoutTheSubscriptionsToken() {
        String id = subscribe("""
                {"name": "Silk road live", "channel": {"type": "sse"}, "rules": {"tags": ["silk-road"]}}
                """);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + id + "/stream?token=guess")))
                .header("Accept", "text/event-stream").GET());

        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("detail").asString()).contains("streamToken");
    }

    /** A stream subscription no published story matches, so that only the test numbers its alerts. */
    private String quietSubscription() {
        return subscribe("""
                {"name": "Numbered by hand", "channel": {"type": "sse"}, "rules": {"tags": ["numbered-by-hand"]}}
                """);
    }

    private HttpRequest streamRequest(String subscriptionId, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + subscriptionId + "/stream")))
                .header("Accept", "text/event-stream").header("X-Api-Key", API_KEY).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    private double skippedAfterGrace() {
        return meters.get("steppewire.notify.streams.gaps.skipped").tag("reason", "grace-expired").counter().count();
    }

    /** Reads {@code count} events; {@code authorization} is "Bearer token|lastEventId" to resume. */
    private List<OpenStream.Event> read(String subscriptionId, String query, String authorization, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + subscriptionId + "/stream" + query)))
                .header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            String[] parts = authorization.split("\\|");
            request.header("Authorization", parts[0]).header("Last-Event-ID", parts[1]);
        }
        try (OpenStream stream = OpenStream.open(http, request.build(), PATIENCE)) {
            List<OpenStream.Event> read = new ArrayList<>();
            while (read.size() < count) {
                read.add(stream.nextEvent());
            }
            return read;
        }
    }
}
