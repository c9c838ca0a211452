package io.steppewire.ingest;

import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IngestServiceTest
class ServiceEndpointsTest {

    @Autowired
    private MockMvc http;

    @Test
    void reportsHealthyOnceTheFirstSeenIndexHasCaughtUp() throws Exception {
        http.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void describesThePagesApiInOpenApi() throws Exception {
        http.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/pages'].post").exists())
                .andExpect(jsonPath("$.paths['/api/taxonomy/reload'].post").exists());
    }

    @Test
    void showsTheTaxonomyInUseToAnyone() throws Exception {
        http.perform(get("/api/taxonomy")).andExpect(status().isOk())
                .andExpect(jsonPath("$.loadedFrom").value("classpath:taxonomy/taxonomy.yaml"))
                .andExpect(jsonPath("$.countries").isNumber());
    }

    @Test
    void reloadsTheTaxonomyOnlyWithTheApiKey() throws Exception {
        http.perform(post("/api/taxonomy/reload")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        http.perform(post("/api/taxonomy/reload").header("X-Api-Key", TestKeys.ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(containsString("bundled")));
    }

    @Test
    void exposesItsOwnMetricsToPrometheus() throws Exception {
        http.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(containsString("steppewire_ingest_first_seen_index_size")));
    }
}
