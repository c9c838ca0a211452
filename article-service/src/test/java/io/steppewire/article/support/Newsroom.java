package io.steppewire.article.support;

import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes made-up articles the way ingest-service would publish them. */
public final class Newsroom {

    public static Draft story(String source, String title, String... paragraphs) {
        return new Draft(source, title, List.of(paragraphs));
    }

    public static final class Draft {
        private final String source;
        private final String title;
        private final List<String> paragraphs;
        private LocalDate publishedOn = LocalDate.parse("2026-03-14");
        private Instant firstSeenAt = Instant.parse("2026-03-14T06:00:00Z");
        private Instant ingestedAt = firstSeenAt;
        private List<String> countries = List.of();
        private List<String> currencies = List.of();
        private List<String> tags = List.of();
        private List<String> entities = List.of();
        private String storyId;
        private String revision;
        private Instant publishedAt;
        private Boolean publishedAtEstimated;

        private Draft(String source, String title, List<String> paragraphs) {
            this.source = source;
            this.title = title;
            this.paragraphs = paragraphs;
        }

        public Draft publishedOn(String date) {
            publishedOn = LocalDate.parse(date);
            firstSeenAt = publishedOn.atTime(6, 0).toInstant(java.time.ZoneOffset.UTC);
            ingestedAt = firstSeenAt;
            return this;
        }

        public Draft firstSeenAt(String instant) {
            firstSeenAt = Instant.parse(instant);
            ingestedAt = firstSeenAt;
            return this;
        }

        public Draft ingestedAt(String instant) {
            ingestedAt = Instant.parse(instant);
            return this;
        }

        public Draft about(String... countryCodes) {
            countries = List.of(countryCodes);
            return this;
        }

        public Draft currencies(String... codes) {
            currencies = List.of(codes);
            return this;
        }

        public Draft tagged(String... slugs) {
            tags = List.of(slugs);
            return this;
        }

        public Draft naming(String... names) {
            entities = List.of(names);
            return this;
        }

        /** Grouped under the story of another article, as ingest-service groups near-duplicates. */
        public Draft inStory(String story) {
            storyId = story;
            return this;
        }

        public Draft revision(String contentHash) {
            revision = contentHash;
            return this;
        }

        /** A publication time, as a feed or an article page gives it; {@code estimated} when it is the fetch time. */
        public Draft publishedAt(String instant, boolean estimated) {
            publishedAt = Instant.parse(instant);
            publishedAtEstimated = estimated;
            return this;
        }

        public ArticleIngested event() {
            List<BodyBlock> body = new ArrayList<>();
            paragraphs.forEach(p -> body.add(BodyBlock.paragraph(p)));
            String lede = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
            return new ArticleIngested(EventIds.article(source, title, lede), source, EventIds.of("page", source, title),
                    "https://" + source + ".example/" + Math.abs(title.hashCode()), title, body, publishedOn, firstSeenAt,
                    ingestedAt, countries, currencies, tags, entities, List.of(), List.of(), storyId, revision, publishedAt,
                    publishedAtEstimated);
        }
    }

    private Newsroom() {
    }
}
