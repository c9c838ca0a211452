package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.support.Newsroom;
import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** q listings read through the term postings, on the embedded store. */
class SearchListingTest extends ListingOnEmbeddedStore {

    private static Newsroom.Draft story(String title, String day, String country, String... paragraphs) {
        return Newsroom.story("steppe-daily", title, paragraphs).publishedOn(day).about(country);
    }

    private static ArticleFilter search(String q, List<String> countries, @Nullable String tag, @Nullable String from,
                                        @Nullable String to) {
        return new ArticleFilter(countries, tag, null, null, from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), SearchQuery.parse(q));
    }

    private static ArticleFilter search(String q) {
        return search(q, List.of(), null, null, null);
    }

    @Test
    void matchesStemsAndPhrasesAndCombinesThemWithFiltersAndDates() {
        store.upsertAll(List.of(
                story("Fishermen Return to the Lake", "2026-03-01", "KZ", "Fishing boats left at dawn.", "The water level rose.")
                        .tagged("water").event(),
                story("Cotton Farmers", "2026-03-02", "UZ", "They fished in the canal.", "Level fields need water.").event(),
                story("Bridge Opens", "2026-04-10", "KZ", "No fish were seen under the bridge.").tagged("transport").event(),
                story("Market Day", "2026-04-11", "KZ", "Melons and apricots.").event()));

        assertThat(allPages(search("fished"), 20)).containsExactlyInAnyOrder(
                "Fishermen Return to the Lake", "Cotton Farmers", "Bridge Opens");
        assertThat(allPages(search("\"water level\""), 20)).containsExactly("Fishermen Return to the Lake");
        assertThat(allPages(search("fish \"level water\""), 20)).isEmpty();
        assertThat(allPages(search("fish", List.of("KZ"), null, null, null), 20))
                .containsExactlyInAnyOrder("Fishermen Return to the Lake", "Bridge Opens");
        assertThat(allPages(search("fish", List.of("KZ"), null, "2026-03-01", "2026-03-31"), 20))
                .containsExactly("Fishermen Return to the Lake");
        assertThat(allPages(search("fish", List.of(), "transport", null, null), 20)).containsExactly("Bridge Opens");
        assertThat(allPages(search("fish", List.of("UZ", "KZ"), "water", null, "2026-03-01"), 20))
                .containsExactly("Fishermen Return to the Lake");
        assertThat(allPages(search("apricot fish"), 20)).isEmpty();
        assertThat(allPages(search("railway"), 20)).isEmpty();
    }

    @Test
    void pagesByRelevanceAcrossMonthsWithoutRepeatsOrGaps() {
        List<ArticleIngested> stories = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            String mentions = "The ferry sailed. ".repeat(i % 4 + 1);
            stories.add(story("Harbour note " + i, "2026-0" + (i % 3 + 1) + "-1" + i, i % 2 == 0 ? "KZ" : "TM",
                    "Harbour note " + i + " opens.", mentions).event());
        }
        stories.add(story("Ferry Timetable", "2026-02-05", "KZ", "Boats leave at noon.").event());
        store.upsertAll(stories);

        List<String> onePage = allPages(search("ferries"), 100);
        assertThat(onePage).hasSize(10).startsWith("Ferry Timetable");
        assertThat(allPages(search("ferries"), 1)).containsExactlyElementsOf(onePage);
        assertThat(allPages(search("ferries"), 3)).containsExactlyElementsOf(onePage);
        assertThat(allPages(search("ferry", List.of("KZ"), null, null, null), 2))
                .containsExactlyElementsOf(onePage.stream().filter(title -> title.equals("Ferry Timetable")
                        || Integer.parseInt(title.substring(title.length() - 1)) % 2 == 0).toList());
    }

    @Test
    void aReplayAddsNothingAndASightingThatLostAWordIsNoLongerFoundByIt() {
        ArticleIngested first = story("Port News", "2026-03-05", "KZ", "Port news today.", "The copper mine reopened.").event();
        ArticleIngested resighted = Newsroom.story("steppe-daily", "Port News", "Port news today.", "The port is quiet.")
                .publishedOn("2026-04-02").ingestedAt("2026-04-03T00:00:00Z").about("KZ").event();
        assertThat(resighted.articleId()).isEqualTo(first.articleId());

        store.upsertAll(List.of(first));
        store.upsertAll(List.of(first));
        assertThat(allPages(search("copper"), 20)).containsExactly("Port News");
        assertThat(store.find(search("copper"), null, 20).items().getFirst().paragraphs()).contains("The copper mine reopened.");

        store.upsertAll(List.of(resighted));
        store.upsertAll(List.of(first));

        assertThat(allPages(search("copper"), 20)).isEmpty();
        assertThat(allPages(search("port quiet"), 20)).containsExactly("Port News");
        assertThat(allPages(search("port"), 1)).containsExactly("Port News");
        assertThat(allPages(search("port", List.of(), null, "2026-03-01", "2026-03-31"), 20)).isEmpty();
        assertThat(allPages(search("port", List.of("KZ"), null, null, null), 20)).containsExactly("Port News");

        store.upsertAll(List.of(Newsroom.story("steppe-daily", "Port News", "Port news today.", "The port is quiet.")
                .publishedOn("2026-04-02").ingestedAt("2026-04-04T00:00:00Z").about("UZ").tagged("transport").event()));
        assertThat(allPages(search("port", List.of("KZ"), null, null, null), 20)).isEmpty();
        assertThat(allPages(search("port", List.of("UZ", "TJ"), "transport", null, null), 20)).containsExactly("Port News");
    }

    @Test
    void findsWhatArrivedAfterATermWasLastSearchedAndNothingAfterADrop() {
        ArticleIngested first = story("Ferry Line Opens", "2026-03-05", "KZ", "A ferry line opens.", "Copper goes by ferry.").event();
        store.upsertAll(List.of(first));
        assertThat(allPages(search("ferry copper"), 20)).containsExactly("Ferry Line Opens");

        store.upsertAll(List.of(story("Second Ferry", "2026-03-06", "KZ", "Another ferry carries copper.").event(),
                story("Ferry In May", "2026-05-01", "KZ", "The ferry carried copper in May.").event()));
        store.upsertAll(List.of(Newsroom.story("steppe-daily", "Ferry Line Opens", "A ferry line opens.", "Grain goes by ferry.")
                .publishedOn("2026-03-05").ingestedAt("2026-03-07T00:00:00Z").about("KZ").event()));

        assertThat(allPages(search("ferry copper"), 1)).containsExactlyInAnyOrder("Second Ferry", "Ferry In May");
        assertThat(allPages(search("ferry copper", List.of(), null, "2026-03-01", "2026-03-31"), 20)).containsExactly("Second Ferry");
        assertThat(allPages(search("ferry grain"), 20)).containsExactly("Ferry Line Opens");

        store.drop();
        assertThat(allPages(search("ferry copper"), 20)).isEmpty();
    }

    @Test
    void aRepeatedQueryAnswersAlikeUntilItsPostingsGrow() {
        store.upsertAll(List.of(story("Copper Port", "2026-03-05", "KZ", "Copper leaves the port.").event(),
                story("Copper Road", "2026-03-06", "UZ", "Copper goes by road to the port.").event()));
        assertThat(allPages(search("copper port", List.of("KZ", "UZ"), null, null, null), 1)).containsExactly("Copper Port", "Copper Road");
        assertThat(allPages(search("copper port", List.of("KZ", "UZ"), null, null, null), 1)).containsExactly("Copper Port", "Copper Road");

        store.upsertAll(List.of(story("Port Copper Port", "2026-03-01", "KZ", "The port ships copper from the port.").event()));

        assertThat(allPages(search("copper port", List.of("KZ", "UZ"), null, null, null), 2))
                .containsExactly("Port Copper Port", "Copper Port", "Copper Road");
        assertThat(allPages(search("copper port", List.of("UZ"), null, null, null), 2)).containsExactly("Copper Road");
    }

    @Test
    void combinesOrAndNotWithinTheOtherFiltersAndFollowsANewerSighting() {
        ArticleIngested port = story("Port News", "2026-03-05", "KZ", "The copper port reopened.", "Coal waits on the quay.").event();
        store.upsertAll(List.of(port,
                story("Copper Road", "2026-03-06", "UZ", "Copper goes by road.").event(),
                story("Grain Barges", "2026-03-07", "KZ", "Grain leaves by barge.").event(),
                story("Coal Train", "2026-03-08", "KZ", "A coal train left.").event()));

        assertThat(allPages(search("copper OR grain"), 1)).containsExactlyInAnyOrder("Port News", "Copper Road", "Grain Barges");
        assertThat(allPages(search("(copper OR grain) NOT coal"), 1)).containsExactlyInAnyOrder("Copper Road", "Grain Barges");
        assertThat(allPages(search("(copper OR grain) NOT coal", List.of("KZ"), null, null, null), 20))
                .containsExactly("Grain Barges");
        assertThat(allPages(search("copper OR coal", List.of("KZ"), null, "2026-03-06", null), 20)).containsExactly("Coal Train");

        store.upsertAll(List.of(Newsroom.story("steppe-daily", "Port News", "The copper port reopened.", "The quay is empty.")
                .publishedOn("2026-03-05").ingestedAt("2026-03-09T00:00:00Z").about("KZ").event()));

        assertThat(allPages(search("copper NOT coal"), 20)).containsExactlyInAnyOrder("Port News", "Copper Road");
        assertThat(allPages(search("coal OR quay"), 20)).containsExactlyInAnyOrder("Port News", "Coal Train");
        assertThat(allPages(search("\"coal waits\" OR train"), 20)).containsExactly("Coal Train");
    }
}
