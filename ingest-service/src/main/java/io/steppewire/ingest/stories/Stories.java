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
 * candidate query per {@value #QUERY_CHUNK} articles, one bulk insert and one read-back; a batch of bare headlines
 * costs none.
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

    /** An article of the batch, long enough to compare, not grouped before. */
    private static final class Pending {
        final ArticleIngested article;
        final StoryFingerprint.Signature signature;
        final List<Long> bands;
        List<StoryIndex.Candidate> stored = List.of();

        Pending(ArticleIngested article, StoryFingerprint.Signature signature, List<Long> bands) {
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
        Map<String, StoryFingerprint.Signature> signatures = new HashMap<>();
        Map<String, String> stories = new HashMap<>();
        for (ArticleIngested article : articles) {
            StoryFingerprint.Signature signature = fingerprint.signature(article.title(), article.paragraphs());
            if (signature == null) {
                // Too short to compare: its own story every time, never stored, so never looked up either.
                stories.put(article.articleId(), article.articleId());
            } else {
                signatures.putIfAbsent(article.articleId(), signature);
            }
        }
        stories.putAll(index.storiesOf(signatures.keySet()));
        List<Pending> pending = new ArrayList<>();
        for (ArticleIngested article : articles) {
            String id = article.articleId();
            if (!stories.containsKey(id)) {
                StoryFingerprint.Signature signature = signatures.get(id);
                pending.add(new Pending(article, signature,
                        StoryFingerprint.bandKeys(signature.minHashes(), properties.bandRows())));
                stories.put(id, id);
            }
        }
        findStoredCandidates(pending, now);
        List<StoryIndex.Grouped> grouped = new ArrayList<>(pending.size());
        List<StoryIndex.Candidate> batch = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            List<StoryIndex.Candidate> candidates = new ArrayList<>(batch);
            candidates.addAll(p.stored);
            StoryIndex.Candidate best = best(p.signature, candidates);
            String storyId = best == null ? p.article.articleId() : best.storyId();
            batch.add(new StoryIndex.Candidate(p.article.articleId(), storyId, p.signature, now));
            grouped.add(new StoryIndex.Grouped(p.article.articleId(), storyId, p.signature, p.bands));
            stories.put(p.article.articleId(), storyId);
        }
        if (record) {
            // Another instance may have recorded one of these first: its story is the one every reader sees.
            stories.putAll(index.record(grouped, now));
        }
        return articles.stream().map(a -> a.withStoryId(stories.get(a.articleId()))).toList();
    }

    private void findStoredCandidates(List<Pending> pending, Instant now) {
        for (int from = 0; from < pending.size(); from += QUERY_CHUNK) {
            List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + QUERY_CHUNK));
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
