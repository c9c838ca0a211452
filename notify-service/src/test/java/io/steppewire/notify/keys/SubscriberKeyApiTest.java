package io.steppewire.notify.keys;

import io.steppewire.notify.support.KeyStoreGate;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.platform.security.SubscriberKeys;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriberKeyApiTest extends NotifyIntegrationTest {

    private static final String SSE_WATCH = """
            {"name": "Key test", "channel": {"type": "sse"}, "rules": {"countries": ["KZ"]}}
            """;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KeyStoreGate keyStoreGate;

    private Document storedKey(String id) {
        return mongo.getCollection("subscriber_keys").find(new Document("_id", id)).first();
    }

    @Test
    void issuesAKeyThatIsShownOnceAndStoredOnlyAsItsHash() {
        HttpResponse<String> issued = postJson("/api/keys", "{\"name\": \"  Almaty newsroom  \"}");

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = JSON.readTree(issued.body());
        String id = body.path("id").asString();
        String key = body.path("key").asString();
        assertThat(SubscriberKeys.looksLikeOne(key)).isTrue();
        assertThat(body.path("name").asString()).isEqualTo("Almaty newsroom");
        assertThat(body.path("createdAt").asString()).isNotBlank();
        assertThat(issued.headers().firstValue("Location")).hasValue(url("/api/keys/" + id));

        Document stored = storedKey(id);
        assertThat(stored.getString("keyHash")).isEqualTo(SubscriberKeys.hash(key));
        assertThat(stored.toJson()).doesNotContain(key);
        HttpResponse<String> one = getWithKey("/api/keys/" + id);
        HttpResponse<String> all = getWithKey("/api/keys?limit=200");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).path("revokedAt").isNull()).isTrue();
        assertThat(all.body()).contains(id);
        for (HttpResponse<String> listing : java.util.List.of(one, all)) {
            assertThat(listing.body()).doesNotContain(key).doesNotContain(SubscriberKeys.hash(key)).doesNotContain("keyHash");
        }
        assertThat(sendAs(key, "GET", "/api/subscriptions", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesKeyNamesThatAreMissingTooLongOrHoldControlCharacters() {
        long before = mongo.getCollection("subscriber_keys").countDocuments();
        for (String body : new String[]{"{}", "{\"name\": \"\"}", "{\"name\": \"" + "x".repeat(101) + "\"}",
                "{\"name\": \"news\\u0000desk\"}", "{\"name\": \"news\\ndesk\"}", "{\"name\": [\"a\"]}", "[]", "not json"}) {
            HttpResponse<String> refused = postJson("/api/keys", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(JSON.readTree(postJson("/api/keys", "{\"name\": \"a\\tb\"}").body()).path("errors").get(0).path("field").asString())
                .isEqualTo("name");
        assertThat(mongo.getCollection("subscriber_keys").countDocuments()).isEqualTo(before);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndRevokingAgainChangesNothing() {
        IssuedKey issued = issueKey("Bishkek desk");
        assertThat(sendAs(issued.key(), "GET", "/api/subscriptions", null).statusCode()).isEqualTo(200);

        assertThat(deleteWithKey("/api/keys/" + issued.id()).statusCode()).isEqualTo(204);
        Date revokedAt = storedKey(issued.id()).getDate("revokedAt");
        assertThat(deleteWithKey("/api/keys/" + issued.id()).statusCode()).isEqualTo(204);

        assertThat(storedKey(issued.id()).getDate("revokedAt")).isEqualTo(revokedAt);
        HttpResponse<String> refused = sendAs(issued.key(), "GET", "/api/subscriptions", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(sendAs(issued.key(), "POST", "/api/subscriptions", SSE_WATCH).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(getWithKey("/api/keys/" + issued.id()).body()).path("revokedAt").asString()).isNotBlank();
        assertThat(deleteWithKey("/api/keys/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyRevokedThroughAnotherInstanceStopsWorkingHereWithinTwoSeconds() {
        IssuedKey issued = issueKey("Dushanbe desk");
        assertThat(sendAs(issued.key(), "GET", "/api/subscriptions", null).statusCode()).isEqualTo(200);

        // Another instance revokes: the store changes, this instance's cache is not told.
        Instant revoked = Instant.now();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(issued.id())), Update.update("revokedAt", revoked), "subscriber_keys");

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> sendAs(issued.key(), "GET", "/api/subscriptions", null).statusCode() == 401);
    }

    @Test
    void aKeyTheStoreCannotConfirmIsRefusedWith503AndNothingIsDone() {
        IssuedKey issued = issueKey("Tashkent desk");
        String name = "Unconfirmed " + UUID.randomUUID();
        keyStoreGate.close();
        HttpResponse<String> refused;
        try {
            refused = sendAs(issued.key(), "POST", "/api/subscriptions", SSE_WATCH.replace("Key test", name));
        } finally {
            keyStoreGate.open();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(mongo.getCollection("subscriptions").countDocuments(new Document("name", name))).isZero();
        assertThat(sendAs(issued.key(), "GET", "/api/subscriptions", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminKeyStillWorksWhileTheKeyStoreHangs() {
        keyStoreGate.close();
        try {
            assertThat(getWithKey("/api/subscriptions?limit=1").statusCode()).isEqualTo(200);
        } finally {
            keyStoreGate.open();
        }
    }

    @Test
    void subscriberKeysCannotManageKeys() {
        IssuedKey issued = issueKey("Ashgabat desk");
        IssuedKey other = issueKey("Other desk");

        assertThat(sendAs(issued.key(), "GET", "/api/keys", null).statusCode()).isEqualTo(403);
        assertThat(sendAs(issued.key(), "POST", "/api/keys", "{\"name\": \"mine\"}").statusCode()).isEqualTo(403);
        assertThat(sendAs(issued.key(), "GET", "/api/keys/" + issued.id(), null).statusCode()).isEqualTo(403);
        assertThat(sendAs(issued.key(), "DELETE", "/api/keys/" + other.id(), null).statusCode()).isEqualTo(403);
        assertThat(storedKey(other.id()).get("revokedAt")).isNull();
        assertThat(sendAs(null, "GET", "/api/keys", null).statusCode()).isEqualTo(401);
    }

    @Test
    void rotatingGivesTheSameSubscriberANewKeyAndRetiresTheOldOne() {
        IssuedKey issued = issueKey("Nukus desk");
        String own = subscribeAs(issued.key(), SSE_WATCH);

        HttpResponse<String> rotated = postJson("/api/keys/" + issued.id() + "/rotate", "");

        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = JSON.readTree(rotated.body());
        String newKey = body.path("key").asString();
        assertThat(body.path("id").asString()).isEqualTo(issued.id());
        assertThat(newKey).isNotEqualTo(issued.key());
        assertThat(storedKey(issued.id()).getString("keyHash")).isEqualTo(SubscriberKeys.hash(newKey));
        assertThat(sendAs(issued.key(), "GET", "/api/subscriptions", null).statusCode()).isEqualTo(401);
        HttpResponse<String> listed = sendAs(newKey, "GET", "/api/subscriptions", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(own);
    }

    @Test
    void aRevokedOrUnknownKeyCannotBeRotatedAndSubscribersCannotRotate() {
        IssuedKey issued = issueKey("Termez desk");
        assertThat(sendAs(issued.key(), "POST", "/api/keys/" + issued.id() + "/rotate", null).statusCode()).isEqualTo(403);
        assertThat(deleteWithKey("/api/keys/" + issued.id()).statusCode()).isEqualTo(204);
        Document revoked = storedKey(issued.id());

        assertThat(postJson("/api/keys/" + issued.id() + "/rotate", "").statusCode()).isEqualTo(409);
        assertThat(postJson("/api/keys/" + UUID.randomUUID() + "/rotate", "").statusCode()).isEqualTo(404);
        assertThat(storedKey(issued.id())).isEqualTo(revoked);
    }
}
