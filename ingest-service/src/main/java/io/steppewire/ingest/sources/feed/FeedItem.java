package io.steppewire.ingest.sources.feed;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, as the feed gave it.
 *
 * @param guid        the feed's own id of the item, if any
 * @param link        the item's absolute http(s) address, if it had a usable one
 * @param publishedAt when it was published (or else last updated), if the feed gave a readable date
 * @param html        its content, or else its summary, as HTML (plain text is HTML too)
 * @param categories  its categories, as given
 */
public record FeedItem(@Nullable String guid, String title, @Nullable URI link, @Nullable Instant publishedAt,
                       String html, List<String> categories) {

    public FeedItem {
        categories = List.copyOf(categories);
    }
}
