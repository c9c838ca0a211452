package io.steppewire.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaTest {

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://steppewire.io/schemas/", "classpath:schemas/")));
    private final ObjectMapper reader = new ObjectMapper();

    @Test
    void everyTopicPayloadValidatesAgainstItsPublishedSchema() throws Exception {
        assertValid(Topics.ARTICLES, SampleEvents.solarParkArticle());
        assertValid(Topics.QUOTES, SampleEvents.tengeQuote("0.00201", SampleEvents.MORNING));
        assertValid(Topics.QUOTES, io.steppewire.events.fx.RateQuoted.fromQuote("USD/KZT",
                new java.math.BigDecimal("515.90"), null, SampleEvents.MORNING, "api", null, SampleEvents.MORNING));
        assertValid(Topics.RATE_CHANGES, SampleEvents.tengeChange());
        assertValid(Topics.ALERTS, SampleEvents.articleAlert());
        assertValid(Topics.ALERTS, SampleEvents.rateAlert());
        assertValid(Topics.ALERTS, SampleEvents.endpointDisabledAlert());
    }

    @Test
    void articleWithItsStoryRevisionAndPublicationTimeValidatesAndReadsBack() throws Exception {
        var article = SampleEvents.solarParkArticle();
        var grouped = new io.steppewire.events.article.ArticleIngested(article.articleId(), article.source(), article.pageId(),
                article.url(), article.title(), article.body(), article.publishedOn(), article.firstSeenAt(), article.ingestedAt(),
                article.countries(), article.currencies(), article.tags(), article.entities(), article.tagScores(),
                article.imageCredits(), "0123456789abcdef0123456789abcdef", "rev-1", SampleEvents.MORNING, false);

        assertValid(Topics.ARTICLES, grouped);
        byte[] bytes = Topics.ARTICLES.valueSerde().serialize(Topics.ARTICLES.name(), grouped);
        assertThat(Topics.ARTICLES.valueSerde().deserialize(Topics.ARTICLES.name(), bytes)).isEqualTo(grouped);
        assertThat(grouped.storyOrArticleId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(article.storyOrArticleId()).as("an article without a story is its own story").isEqualTo(article.articleId());
    }

    @Test
    void articleOfAnOlderProducerLeavesTheOptionalFieldsOut() throws Exception {
        JsonNode article = json(Topics.ARTICLES, SampleEvents.solarParkArticle());

        assertThat(article.has("storyId") || article.has("revision") || article.has("publishedAt")
                || article.has("publishedAtEstimated")).isFalse();
    }

    @Test
    void schemaRejectsAStoryIdThatIsNotAnArticleStyleId() throws Exception {
        JsonNode article = json(Topics.ARTICLES, SampleEvents.solarParkArticle());
        ((com.fasterxml.jackson.databind.node.ObjectNode) article).put("storyId", "../../etc");

        assertThat(schema(Topics.ARTICLES).validate(article)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("storyId"));
    }

    @Test
    void schemaRejectsAPayloadMissingARequiredField() throws Exception {
        JsonNode article = json(Topics.ARTICLES, SampleEvents.solarParkArticle());
        ((com.fasterxml.jackson.databind.node.ObjectNode) article).remove("publishedOn");

        Set<ValidationMessage> errors = schema(Topics.ARTICLES).validate(article);

        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("publishedOn"));
    }

    @Test
    void alertOfKindRateMustCarryTheChange() throws Exception {
        JsonNode alert = json(Topics.ALERTS, SampleEvents.rateAlert());
        ((com.fasterxml.jackson.databind.node.ObjectNode) alert).remove("rateChange");

        assertThat(schema(Topics.ALERTS).validate(alert)).isNotEmpty();
    }

    @Test
    void alertOfKindEndpointDisabledMustSayWhichEndpointFailedSinceWhen() throws Exception {
        JsonNode alert = json(Topics.ALERTS, SampleEvents.endpointDisabledAlert());
        ((com.fasterxml.jackson.databind.node.ObjectNode) alert.get("deliveryDisabled")).remove("failingSince");

        assertThat(schema(Topics.ALERTS).validate(alert)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("failingSince"));
    }

    private <V> void assertValid(Topic<V> topic, V event) throws Exception {
        Set<ValidationMessage> errors = schema(topic).validate(json(topic, event));
        assertThat(errors).as("%s against %s", event, topic.schema()).isEmpty();
    }

    private <V> JsonNode json(Topic<V> topic, V event) throws Exception {
        return reader.readTree(topic.valueSerde().serialize(topic.name(), event));
    }

    private JsonSchema schema(Topic<?> topic) {
        return factory.getSchema(SchemaLocation.of("classpath:" + topic.schema()));
    }
}
