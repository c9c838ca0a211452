package io.steppewire.events;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSerdeTest {

    @Test
    void everyEventSurvivesARoundTrip() {
        roundTrip(Topics.ARTICLES, SampleEvents.solarParkArticle());
        roundTrip(Topics.QUOTES, SampleEvents.tengeQuote("0.00201", SampleEvents.MORNING));
        roundTrip(Topics.RATE_CHANGES, SampleEvents.tengeChange());
        roundTrip(Topics.ALERTS, SampleEvents.articleAlert());
        roundTrip(Topics.ALERTS, SampleEvents.rateAlert());
        roundTrip(Topics.ALERTS, SampleEvents.endpointDisabledAlert());
    }

    @Test
    void ratesTravelAsTextWithTheirQuotedDecimals() {
        RateQuoted quote = SampleEvents.tengeQuote("0.00200", SampleEvents.MORNING);

        String json = new String(Topics.QUOTES.valueSerde().serialize("t", quote), StandardCharsets.UTF_8);
        RateQuoted back = Topics.QUOTES.valueSerde().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(json).contains("\"rate\":\"0.00200\"").contains("\"asOf\":\"2026-03-14T06:00:00Z\"");
        assertThat(back.rate().scale()).isEqualTo(5);
        assertThat(back.decimals()).isEqualTo(5);
    }

    @Test
    void derivedViewsOfARecordAreNotWrittenAsFields() {
        String json = new String(Topics.ARTICLES.valueSerde().serialize("t", SampleEvents.solarParkArticle()),
                StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("\"lede\"").doesNotContain("\"paragraphs\"").doesNotContain("\"url\"");
    }

    @Test
    void garbageIsASerializationErrorNamingTheTopicAndType() {
        assertThatThrownBy(() -> Topics.ARTICLES.valueSerde().deserialize("news.articles.v1", "{not json".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("news.articles.v1").hasMessageContaining(ArticleIngested.class.getSimpleName());
    }

    @Test
    void cloudEventAttributesRoundTripThroughKafkaHeaders() {
        var headers = new RecordHeaders();
        CloudEvent written = CloudEvent.of(Topics.QUOTES, "q-1", "/steppewire/ingest-service",
                Instant.parse("2026-03-14T00:00:00Z"), "KZT/USD");

        written.writeTo(headers);
        written.writeTo(headers);

        assertThat(CloudEvent.readFrom(headers)).contains(written);
        assertThat(headers.headers(CloudEvent.ID)).hasSize(1);
        assertThat(new String(headers.lastHeader(CloudEvent.SPECVERSION).value(), StandardCharsets.UTF_8)).isEqualTo("1.0");
        assertThat(new String(headers.lastHeader(CloudEvent.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("steppewire.rate.quoted.v1");
    }

    @Test
    void headersWithoutAnIdAreNotACloudEvent() {
        assertThat(CloudEvent.readFrom(new RecordHeaders())).isEmpty();
    }

    @Test
    void aMalformedTimeIsNotACloudEventRatherThanAnError() {
        var headers = CloudEvent.of(Topics.ARTICLES, "a-1", "/elsewhere", Instant.parse("2026-03-14T00:00:00Z"), null)
                .writeTo(new RecordHeaders());
        headers.remove(CloudEvent.TIME);
        headers.add(CloudEvent.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEvent.readFrom(headers)).isEmpty();
    }

    @Test
    void everyTopicHasAVersionedNameAndADeadLetterCompanion() {
        assertThat(Topics.all()).allSatisfy(topic -> {
            assertThat(topic.name()).matches("[a-z.-]+\\.v\\d+");
            assertThat(topic.deadLetterName()).isEqualTo(topic.name() + ".dlt");
            assertThat(Topic.class.getClassLoader().getResource(topic.schema())).isNotNull();
        });
    }

    private static <V> void roundTrip(Topic<V> topic, V event) {
        byte[] bytes = topic.valueSerde().serialize(topic.name(), event);
        assertThat(topic.valueSerde().deserialize(topic.name(), bytes)).isEqualTo(event);
    }
}
