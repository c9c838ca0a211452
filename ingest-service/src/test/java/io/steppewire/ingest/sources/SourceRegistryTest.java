package io.steppewire.ingest.sources;

import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.TestKeys;
import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The source registry over HTTP: what it stores, and everything it refuses, each refusal saying what to fix. */
@IngestServiceTest
class SourceRegistryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private MockMvc http;

    @Autowired
    private SourceStore store;

    @LocalServerPort
    private int port;

    private static String body(String name, String type, String url, Object interval) {
        return """
                {"name": "%s", "type": "%s", "url": "%s", "intervalSeconds": %s, "enabled": false}
                """.formatted(name, type, url, interval);
    }

    private static String uniqueName() {
        return "reg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode create(String body) throws Exception {
        MvcResult result = http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(result.getResponse().getHeader("Location")).isNotNull();
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void registersReadsChangesAndRemovesASource() throws Exception {
        String name = uniqueName();
        JsonNode created = create(body(name, "feed", "http://127.0.0.1:8080/feed.xml", 300));
        String id = created.path("id").asString();
        assertThat(created.path("type").asString()).isEqualTo("feed");
        assertThat(created.path("fetchFullText").asBoolean()).isFalse();
        assertThat(created.path("state").path("itemsSeen").asInt()).isZero();
        assertThat(created.path("state").has("nextFetchAt")).isTrue();

        http.perform(get("/api/sources/" + id)).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        http.perform(get("/api/sources")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].url").value("http://127.0.0.1:8080/feed.xml"));

        http.perform(put("/api/sources/" + id).header("X-Api-Key", TestKeys.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, "article", "http://127.0.0.1:8080/story.html", 600)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.type").value("article"))
                .andExpect(jsonPath("$.intervalSeconds").value(600));
        assertThat(store.find(id)).hasValueSatisfying(s -> assertThat(s.spec().type()).isEqualTo(SourceType.ARTICLE));

        http.perform(delete("/api/sources/" + id).header("X-Api-Key", TestKeys.ADMIN)).andExpect(status().isNoContent());
        http.perform(get("/api/sources/" + id)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("unknown_source"));
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void refusesASecondSourceOfTheSameName() throws Exception {
        String name = uniqueName();
        create(body(name, "feed", "http://127.0.0.1:8080/a.xml", 300));

        http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, "feed", "http://127.0.0.1:8080/b.xml", 300)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.reason").value("duplicate_name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/feed.xml", "javascript:alert(1)",
            "gopher://example.com/", "data:text/xml,<rss/>", "//example.com/feed", "not a url",
            "http://user:secret@example.com/feed", "http://10.0.0.7/feed", "http://192.168.1.1/feed",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/feed", "http://[::ffff:10.0.0.1]/feed",
            "http://0.0.0.0/feed", "https:///nohost"})
    void refusesUrlsItMustNotOrCannotFetch(String url) throws Exception {
        MvcResult result = http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(uniqueName(), "feed", url.replace("\\", "\\\\").replace("\"", "\\\""), 300)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("invalid_source"))
                .andExpect(jsonPath("$.fields[0].field").value("url")).andReturn();
        assertThat(result.getResponse().getContentAsString()).contains("fix");
    }

    @Test
    void namesEveryBadFieldAtOnce() throws Exception {
        http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(body("../etc", "podcast", "https://example.com/x", 0)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field").value(org.hamcrest.Matchers.contains("name", "type",
                        "intervalSeconds")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("one of feed, front-page, article")));
    }

    @Test
    void refusesAHugeOrMalformedBody() throws Exception {
        http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"url\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        String huge = body(uniqueName(), "feed", "https://example.com/" + "a".repeat(3_000_000), 300);
        assertThat(RawHttp.send(port, "POST", "/api/sources", Map.of("X-Api-Key", TestKeys.ADMIN,
                "Content-Type", "application/json"), huge).status()).isIn(400, 413);
    }

    @Test
    void answersUnknownIdsWith404() throws Exception {
        for (String id : List.of("no-such-id", "a".repeat(300))) {
            http.perform(post("/api/sources/" + id + "/fetch").header("X-Api-Key", TestKeys.ADMIN))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.reason").value("unknown_source"));
        }
        http.perform(put("/api/sources/no-such-id").header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(body(uniqueName(), "feed", "https://example.com/", 300)))
                .andExpect(status().isNotFound());
        http.perform(delete("/api/sources/no-such-id").header("X-Api-Key", TestKeys.ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void refusesEveryWriteWithoutTheAdminKeyOnEverySpellingOfItsPath() throws Exception {
        String name = uniqueName();
        String id = create(body(name, "feed", "http://127.0.0.1:8080/feed.xml", 300)).path("id").asString();
        String changed = body(name, "article", "http://127.0.0.1:8080/other.html", 900);
        List<String[]> writes = List.of(new String[]{"POST", "/api/sources"}, new String[]{"PUT", "/api/sources/" + id},
                new String[]{"DELETE", "/api/sources/" + id}, new String[]{"POST", "/api/sources/" + id + "/fetch"});
        for (String[] write : writes) {
            for (Map<String, String> keys : List.of(Map.<String, String>of(), Map.of("X-Api-Key", "wrong-key"))) {
                List<String> spellings = new java.util.ArrayList<>(PathTricks.of(write[1]));
                spellings.add(write[1]);
                for (String path : spellings) {
                    java.util.Map<String, String> headers = new java.util.HashMap<>(keys);
                    headers.put("Content-Type", "application/json");
                    int answered = RawHttp.send(port, write[0], path, headers, changed).status();
                    assertThat(answered).as("%s %s with %s", write[0], path, keys).isIn(400, 401, 403, 404, 405);
                }
            }
        }
        assertThat(store.find(id)).hasValueSatisfying(s -> {
            assertThat(s.spec().type()).isEqualTo(SourceType.FEED);
            assertThat(s.state().lastFetchAt()).isNull();
        });
        assertThat(store.all()).filteredOn(s -> s.spec().url().toString().endsWith("/other.html")).isEmpty();
    }
}
