package io.steppewire.notify.subscription;

import io.steppewire.notify.support.NotifyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionOwnershipTest extends NotifyIntegrationTest {

    private static final String ALMATY_WATCH = """
            {"name": "Almaty watch", "channel": {"type": "sse"}, "rules": {"countries": ["KZ"], "tags": ["energy"]}}
            """;
    private static final String REPLACEMENT = """
            {"name": "Taken over", "channel": {"type": "sse"}, "rules": {"countries": ["UZ"]}}
            """;

    private IssuedKey almaty;
    private IssuedKey bishkek;

    @BeforeEach
    void twoSubscribers() {
        almaty = issueKey("Almaty newsroom");
        bishkek = issueKey("Bishkek newsroom");
    }

    private List<String> listedIds(String key) {
        HttpResponse<String> listed = sendAs(key, "GET", "/api/subscriptions?limit=200", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        return JSON.readTree(listed.body()).path("items").valueStream().map(s -> s.path("id").asString()).toList();
    }

    /** The status of opening the stream; an opened stream is closed again at once. */
    private int streamStatus(String id, String token, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + id + "/stream" + (token.isEmpty() ? "" : "?token=" + token))))
                .header("Accept", "text/event-stream").GET();
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSubscriberSeesAndChangesOnlyItsOwnSubscriptions() {
        String own = subscribeAs(almaty.key(), ALMATY_WATCH);
        String others = subscribeAs(bishkek.key(), ALMATY_WATCH);
        String admins = subscribe(ALMATY_WATCH);

        assertThat(listedIds(almaty.key())).contains(own).doesNotContain(others, admins);
        assertThat(listedIds(bishkek.key())).contains(others).doesNotContain(own, admins);
        assertThat(listedIds(API_KEY)).contains(own, others, admins);

        HttpResponse<String> read = sendAs(almaty.key(), "GET", "/api/subscriptions/" + own, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).has("ownerKeyId")).as("owners are shown to the admin only").isFalse();
        assertThat(sendAs(almaty.key(), "PUT", "/api/subscriptions/" + own, REPLACEMENT).statusCode()).isEqualTo(200);
        assertThat(sendAs(almaty.key(), "GET", "/api/subscriptions/" + own + "/deliveries", null).statusCode()).isEqualTo(200);
        assertThat(sendAs(almaty.key(), "DELETE", "/api/subscriptions/" + own, null).statusCode()).isEqualTo(204);
    }

    @Test
    void anotherSubscribersSubscriptionAnswersExactlyLikeOneThatDoesNotExist() {
        String others = subscribeAs(bishkek.key(), ALMATY_WATCH);
        JsonNode before = JSON.readTree(getWithKey("/api/subscriptions/" + others).body());
        String missing = "00000000-0000-0000-0000-000000000000";

        for (String[] request : new String[][]{{"GET", ""}, {"PUT", ""}, {"DELETE", ""}, {"GET", "/deliveries"},
                {"POST", "/deliveries/recover"}}) {
            String body = request[0].equals("PUT") ? REPLACEMENT : request[0].equals("POST") ? "{\"since\": \"2026-03-14T00:00:00Z\"}" : null;
            HttpResponse<String> theirs = sendAs(almaty.key(), request[0], "/api/subscriptions/" + others + request[1], body);
            HttpResponse<String> nobodys = sendAs(almaty.key(), request[0], "/api/subscriptions/" + missing + request[1], body);
            assertThat(theirs.statusCode()).as(request[0] + request[1]).isEqualTo(404);
            assertThat(nobodys.statusCode()).as(request[0] + request[1]).isEqualTo(404);
            assertThat(theirs.body().replace(others, "ID")).as(request[0] + request[1]).isEqualTo(nobodys.body().replace(missing, "ID"));
        }
        HttpResponse<String> invalidBody = sendAs(almaty.key(), "PUT", "/api/subscriptions/" + others, "{\"name\": \"\"}");
        assertThat(invalidBody.statusCode()).as("no validation before the owner is known").isEqualTo(404);
        assertThat(streamStatus(others, before.path("streamToken").asString(), almaty.key())).isEqualTo(404);

        JsonNode after = JSON.readTree(getWithKey("/api/subscriptions/" + others).body());
        assertThat(after.path("version").asLong()).isEqualTo(before.path("version").asLong());
        assertThat(after.path("name").asString()).isEqualTo("Almaty watch");
    }

    @Test
    void theAdminKeySeesAndChangesEverySubscriptionWithItsOwner() {
        String others = subscribeAs(bishkek.key(), ALMATY_WATCH);

        HttpResponse<String> read = getWithKey("/api/subscriptions/" + others);
        assertThat(JSON.readTree(read.body()).path("ownerKeyId").asString()).isEqualTo(bishkek.id());
        HttpResponse<String> replaced = putJson("/api/subscriptions/" + others, REPLACEMENT);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replaced.body()).path("ownerKeyId").asString()).as("the owner stays").isEqualTo(bishkek.id());
        assertThat(listedIds(bishkek.key())).contains(others);
        assertThat(deleteWithKey("/api/subscriptions/" + others).statusCode()).isEqualTo(204);
        assertThat(listedIds(bishkek.key())).doesNotContain(others);
    }

    @Test
    void theStreamOpensWithItsTokenAloneOrWithTheOwnersOrTheAdminKey() {
        JsonNode created = JSON.readTree(sendAs(almaty.key(), "POST", "/api/subscriptions", ALMATY_WATCH).body());
        String id = created.path("id").asString();
        String token = created.path("streamToken").asString();

        assertThat(streamStatus(id, token, null)).isEqualTo(200);
        assertThat(streamStatus(id, "", almaty.key())).isEqualTo(200);
        assertThat(streamStatus(id, "", API_KEY)).isEqualTo(200);
        assertThat(streamStatus(id, token, bishkek.key())).as("the token lends another subscriber's key no way in").isEqualTo(404);
        assertThat(streamStatus(id, "guess", null)).isEqualTo(401);
        assertThat(streamStatus(id, "", null)).isEqualTo(401);
    }

    @Test
    void aRevokedOwnerLosesAccessButItsSubscriptionsStayWithTheAdmin() {
        String own = subscribeAs(almaty.key(), ALMATY_WATCH);

        assertThat(deleteWithKey("/api/keys/" + almaty.id()).statusCode()).isEqualTo(204);

        for (String[] request : new String[][]{{"GET", "/api/subscriptions"}, {"GET", "/api/subscriptions/" + own},
                {"DELETE", "/api/subscriptions/" + own}, {"GET", "/api/subscriptions/" + own + "/deliveries"}}) {
            assertThat(sendAs(almaty.key(), request[0], request[1], null).statusCode()).as(request[1]).isEqualTo(401);
        }
        assertThat(getWithKey("/api/subscriptions/" + own).statusCode()).isEqualTo(200);
        assertThat(listedIds(API_KEY)).contains(own);
    }
}
