package io.steppewire.ingest.extraction;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The main content of one article page.
 *
 * @param title       the headline without the site's name; empty when the page names none
 * @param publishedAt when the article was first published; absent when the page does not say
 * @param byline      the author or authors as the page names them, without "By"; absent when unnamed
 * @param paragraphs  the body in reading order, subheadings as paragraphs of their own; navigation, ads, share
 *                    buttons, related links, captions, newsletter boxes and cookie banners left out
 * @param lang        the language the page declares, as a BCP 47 tag ({@code en}, {@code ru-RU}); absent when undeclared
 */
public record ExtractedArticle(String title, @Nullable Instant publishedAt, @Nullable String byline,
                               List<String> paragraphs, @Nullable String lang) {

    public ExtractedArticle {
        paragraphs = List.copyOf(paragraphs);
    }
}
