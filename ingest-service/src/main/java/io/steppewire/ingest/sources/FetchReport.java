package io.steppewire.ingest.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one fetch of a source found, as {@code POST /api/sources/{id}/fetch} answers it.
 *
 * @param outcome     {@code new_items}, {@code nothing_new}, {@code not_modified} or {@code failed}
 * @param reason      why it failed, machine-friendly (see {@code FetchResult.Failed}); null otherwise
 * @param error       why it failed, for a person
 * @param newItems    articles published for the first time
 * @param revised     articles published again because their text changed (same id)
 * @param alreadySeen items whose article was already published as it is now: nothing was sent
 * @param failed      items that could not become articles, each with its reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FetchReport(String sourceId, String source, String outcome, @Nullable String reason,
                          @Nullable String error, @Nullable Integer httpStatus, Instant fetchedAt, long durationMillis,
                          long bytes, List<Item> newItems, List<Item> revised, List<Item> alreadySeen,
                          List<ItemFailure> failed, Instant nextFetchAt) {

    /**
     * @param dateMissing the item gave no readable date: publishedOn is the fetch's day
     * @param note        what else happened to it, e.g. full text that could not be fetched
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String articleId, String title, @Nullable String url, LocalDate publishedOn,
                       boolean dateMissing, @Nullable String note) {
    }

    /** @param item the item's link, id or title, whichever it had */
    public record ItemFailure(String item, String reason) {
    }
}
