package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.support.Newsroom;
import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Newest-first listings read through the day lookups, on the embedded store. */
class LookupListingTest extends ListingOnEmbeddedStore {

    private static ArticleIngested story(String title, String day, String country, String... tags) {
        return Newsroom.story("steppe-daily", title, title + " was reported on " + day + ".")
                .publishedOn(day).about(country).tagged(tags).event();
    }

    private static ArticleFilter filter(List<String> countries, @Nullable String tag, @Nullable String from, @Nullable String to) {
        return new ArticleFilter(countries, tag, null, null, from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), null);
    }

    @Test
    void combinesFiltersAndPagesAcrossDaysNewestFirst() {
        store.upsertAll(List.of(
                story("KZ energy one", "2026-03-01", "KZ", "energy"),
                story("KZ energy two", "2026-03-03", "KZ", "energy", "trade"),
                story("KZ trade", "2026-03-03", "KZ", "trade"),
                story("UZ energy", "2026-03-02", "UZ", "energy"),
                story("KZ energy three", "2026-03-07", "KZ", "energy"),
                story("KZ energy four", "2026-02-20", "KZ", "energy"),
                story("KZ energy five", "2026-03-07", "KZ", "energy", "mining")));

        assertThat(allPages(filter(List.of("KZ"), "energy", null, null), 1)).containsExactly(
                "KZ energy three", "KZ energy five", "KZ energy two", "KZ energy one", "KZ energy four");
        assertThat(allPages(filter(List.of("KZ"), "energy", "2026-03-01", "2026-03-03"), 1))
                .containsExactly("KZ energy two", "KZ energy one");
        assertThat(allPages(filter(List.of("KZ", "UZ"), "energy", "2026-03-01", "2026-03-05"), 2))
                .containsExactly("KZ energy two", "UZ energy", "KZ energy one");
        assertThat(allPages(filter(List.of(), "trade", null, null), 20)).containsExactly("KZ energy two", "KZ trade");
        assertThat(allPages(ArticleFilter.everything(), 3)).hasSize(7).startsWith("KZ energy three", "KZ energy five");
        assertThat(allPages(filter(List.of("TJ"), null, null, null), 5)).isEmpty();
    }

    @Test
    void aReplayAddsNothingAndAnArticleThatMovedIsListedOnlyWhereItIsNow() {
        ArticleIngested first = story("Moving story", "2026-03-05", "KZ", "energy");
        ArticleIngested moved = Newsroom.story("steppe-daily", "Moving story", "Moving story was reported on 2026-03-05.")
                .publishedOn("2026-03-02").ingestedAt("2026-03-10T00:00:00Z").about("UZ").tagged("trade").event();
        assertThat(moved.articleId()).isEqualTo(first.articleId());
        ArticleIngested neighbour = story("Neighbour", "2026-03-04", "KZ", "energy");

        store.upsertAll(List.of(first, neighbour));
        store.upsertAll(List.of(first, neighbour));
        store.upsertAll(List.of(moved));

        assertThat(allPages(filter(List.of("KZ"), null, null, null), 1)).containsExactly("Neighbour");
        assertThat(allPages(filter(List.of(), "energy", null, null), 1)).containsExactly("Neighbour");
        assertThat(allPages(filter(List.of("UZ"), "trade", null, null), 1)).containsExactly("Moving story");
        assertThat(allPages(ArticleFilter.everything(), 1)).containsExactly("Neighbour", "Moving story");
    }

    @Test
    void pagesNewestFirstAcrossMonthsWithoutRepeatsOrGaps() {
        List<ArticleIngested> stories = new java.util.ArrayList<>();
        List<String> expected = new java.util.ArrayList<>();
        LocalDate first = LocalDate.parse("2026-01-01");
        for (int n = 0; n < 90; n++) {
            String day = first.plusDays(n).toString();
            stories.add(story("Story " + n, day, n % 3 == 0 ? "UZ" : "KZ", "energy"));
            if (n % 3 != 0) {
                expected.addFirst("Story " + n);
            }
        }
        store.upsertAll(stories.subList(0, 45));
        store.upsertAll(stories.subList(45, 90));

        assertThat(allPages(filter(List.of("KZ"), "energy", null, null), 7)).containsExactlyElementsOf(expected);
        assertThat(allPages(filter(List.of("KZ"), null, "2026-02-01", "2026-02-28"), 4))
                .containsExactlyElementsOf(expected.stream().filter(title -> {
                    int n = Integer.parseInt(title.substring("Story ".length()));
                    return n >= 31 && n <= 58;
                }).toList());
        assertThat(allPages(ArticleFilter.everything(), 25)).hasSize(90).startsWith("Story 89", "Story 88");
    }
}
