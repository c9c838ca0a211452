package io.steppewire.ingest.stories;

import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each article its story: the story it already has when it was grouped before (a re-ingest or a revision keeps
 * it), else the story of the most similar article grouped within the window, else a story of its own whose id is
 * the article's. Articles of one batch see each other in order, so the first of two near-duplicates on one page
 * opens the story and the second joins it. A batch costs a few round trips whatever its size: one lookup by id, one
 * candidate query per {@value #QUERY_CHUNK} articles, one bulk insert and one read-back.
 */
@Service
public class Stories {

    /** Articles whose band keys go into one candidate query. */
    static final int QUERY_CHUNK = 25;

    private final StoryIndex index;
    private final StoryFingerprint fingerprint;
    private final StoriesProperties properties;

    public Stories(StoryIndex index, StoriesProperties properties) {
        this.index = index;
        this.properties = properties;
        this.fingerprint = new StoryFingerprint(1, properties.leadWords());
    }

    /** An article of the batch not grouped before. */
    private static final class Pending {
        final ArticleIngested article;
        final StoryFingerprint.@Nullable Signature signature;
        final List<Long> bands;
        List<StoryIndex.Candidate> stored = List.of();

        Pending(ArticleIngested article, StoryFingerprint.@Nullable Signature signature, List<Long> bands) {
            this.article = article;
            this.signature = signature;
            this.bands = bands;
        }
    }

    /**
     * @param record false for a dry run: nothing is stored, and the stories answered are what a publication now
     *               would give
     * @return the articles in the same order, each with its {@code storyId}
     * @throws RuntimeException when the story index cannot be read or written; nothing should be published then,
     *                          since a later attempt could group the article differently
     */
    public List<ArticleIngested> assign(List<ArticleIngested> articles, Instant now, boolean record) {
        Map<String, String> stories = new HashMap<>(
                index.storiesOf(articles.stream().map(ArticleIngested::articleId).toList()));
        List<Pending> pending = new ArrayList<>();
        Set<String> pendingIds = new HashSet<>();
        for (ArticleIngested article : articles) {
            if (!stories.containsKey(article.articleId()) && pendingIds.add(article.articleId())) {
                StoryFingerprint.Signature signature = fingerprint.signature(article.title(), article.paragraphs());
                pending.add(new Pending(article, signature, signature == null ? List.of()
                        : StoryFingerprint.bandKeys(signature.minHashes(), properties.bandRows())));
            }
        }
        findStoredCandidates(pending, now);
        List<StoryIndex.Grouped> grouped = new ArrayList<>(pending.size());
        List<StoryIndex.Candidate> batch = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            String storyId = p.article.articleId();
            if (p.signature != null) {
                List<StoryIndex.Candidate> candidates = new ArrayList<>(batch);
                candidates.addAll(p.stored);
                StoryIndex.Candidate best = best(p.signature, candidates);
                if (best != null) {
                    storyId = best.storyId();
                }
                batch.add(new StoryIndex.Candidate(p.article.articleId(), storyId, p.signature, now));
                grouped.add(new StoryIndex.Grouped(p.article.articleId(), storyId, p.signature, p.bands));
            }
            // An article too short to compare is its own story, the same answer every time: nothing to store.
            stories.put(p.article.articleId(), storyId);
        }
        if (record) {
            // Another instance may have recorded one of these first: its story is the one every reader sees.
            stories.putAll(index.record(grouped, now));
        }
        return articles.stream().map(a -> a.withStoryId(stories.get(a.articleId()))).toList();
    }

    private void findStoredCandidates(List<Pending> pending, Instant now) {
        List<Pending> comparable = pending.stream().filter(p -> p.signature != null).toList();
        for (int from = 0; from < comparable.size(); from += QUERY_CHUNK) {
            List<Pending> chunk = comparable.subList(from, Math.min(comparable.size(), from + QUERY_CHUNK));
            Set<Long> bands = new HashSet<>();
            chunk.forEach(p -> bands.addAll(p.bands));
            List<StoryIndex.Candidate> found = index.candidates(bands, now.minus(properties.window()),
                    properties.maxCandidates());
            // Each article of the chunk is compared with all of them: the threshold decides, not the band.
            chunk.forEach(p -> p.stored = found);
        }
    }

    /** The most similar candidate at or above the threshold; between equals, the one grouped first. */
    private StoryIndex.@Nullable Candidate best(StoryFingerprint.Signature signature,
                                                List<StoryIndex.Candidate> candidates) {
        StoryIndex.Candidate best = null;
        double bestOverlap = -1;
        for (StoryIndex.Candidate candidate : candidates) {
            double overlap = StoryFingerprint.overlap(signature, candidate.signature());
            if (overlap >= properties.threshold() && (overlap > bestOverlap
                    || (overlap == bestOverlap && candidate.seenAt().isBefore(best.seenAt())))) {
                best = candidate;
                bestOverlap = overlap;
            }
        }
        return best;
    }
}
