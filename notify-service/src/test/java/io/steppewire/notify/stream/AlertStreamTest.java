package io.steppewire.notify.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStreamTest extends NotifyIntegrationTest {

    /** One server-sent event as read off the wire. */
    record Event(String id, String data) {
    }

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

        List<Event> firstRead = read(id, "?token=" + token, null, 3);

        assertThat(firstRead).extracting(Event::id).containsExactly("1", "2", "3");
        assertThat(firstRead).extracting(e -> JSON.readTree(e.data()).path("eventId").asString())
                .containsExactlyInAnyOrderElementsOf(stories.stream().map(ArticleIngested::articleId).toList());

        List<Event> resumed = read(id, "", "Bearer " + token + "|2", 1);

        assertThat(resumed).containsExactly(firstRead.get(2));
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

    /** Reads {@code count} events; {@code authorization} is "Bearer token|lastEventId" to resume. */
    private List<Event> read(String subscriptionId, String query, String authorization, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + subscriptionId + "/stream" + query)))
                .header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            String[] parts = authorization.split("\\|");
            request.header("Authorization", parts[0]).header("Last-Event-ID", parts[1]);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<List<Event>> events = CompletableFuture.supplyAsync(() -> {
            List<Event> read = new ArrayList<>();
            Iterator<String> lines = response.body().iterator();
            String eventId = null;
            StringBuilder data = new StringBuilder();
            while (read.size() < count && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id:")) {
                    eventId = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && eventId != null) {
                    read.add(new Event(eventId, data.toString()));
                    eventId = null;
                    data.setLength(0);
                }
            }
            return read;
        });
        try {
            return events.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
    }

}
