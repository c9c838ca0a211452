package io.steppewire.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/asyncapi.yaml is what downstream teams read: it must describe the catalogue as it is. */
class AsyncApiDocumentTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void describesEveryTopicAndItsDeadLetterWithTheRightTypeAndSchema() throws Exception {
        JsonNode doc = YAMLMapper.builder().build().readTree(REPOSITORY.resolve("docs/asyncapi.yaml").toFile());
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));

        for (Topic<?> topic : Topics.all()) {
            assertThat(addresses).contains(topic.name(), topic.deadLetterName());
            JsonNode message = findMessageTitled(doc, topic.eventType());
            assertThat(message).as("message for %s", topic.eventType()).isNotNull();
            String schemaRef = message.path("payload").path("schema").path("$ref").asString();
            assertThat(schemaRef).endsWith(topic.schema());
            assertThat(REPOSITORY.resolve("docs").resolve(schemaRef).normalize()).exists();
        }
    }

    private static JsonNode findMessageTitled(JsonNode doc, String title) {
        for (JsonNode message : doc.path("components").path("messages")) {
            if (title.equals(message.path("title").asString())) {
                return message;
            }
        }
        return null;
    }
}
