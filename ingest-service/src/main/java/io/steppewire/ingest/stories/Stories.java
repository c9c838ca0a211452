package io.steppewire.ingest.stories;

import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Gives each article its story: the story it already has when it was grouped before (a re-ingest or a revision keeps
 * it), else the story of the most similar article grouped within the window, else a story of its own whose id is
 * the article's. Articles of one batch see each other in order, so the first of two near-duplicates on one page
 * opens the story and the second joins it.
 */
@Service
public class Stories {

    private final StoryIndex index;
    private final StoryFingerprint fingerprint;
    private final StoriesProperties properties;

    public Stories(StoryIndex index, StoriesProperties properties) {
        this.index = index;
        this.properties = properties;
        this.fingerprint = new StoryFingerprint(1, properties.leadWords());
    }

    /**
     * @param record false for a dry run: nothing is stored, and the stories answered are what a publication now
     *               would give
     * @return the articles in the same order, each with its {@code storyId}
     * @throws RuntimeException when the story index cannot be read or written; nothing should be published then,
     *                          since a later attempt could group the article differently
     */
    public List<ArticleIngested> assign(List<ArticleIngested> articles, Instant now, boolean record) {
        Map<String, String> known = index.storiesOf(articles.stream().map(ArticleIngested::articleId).toList());
        List<StoryIndex.Candidate> batch = new ArrayList<>();
        List<ArticleIngested> assigned = new ArrayList<>(articles.size());
        for (ArticleIngested article : articles) {
            String storyId = known.get(article.articleId());
            if (storyId == null) {
                storyId = group(article, now, record, batch);
                known.put(article.articleId(), storyId);
            }
            assigned.add(article.withStoryId(storyId));
        }
        return assigned;
    }

    private String group(ArticleIngested article, Instant now, boolean record, List<StoryIndex.Candidate> batch) {
        StoryFingerprint.Signature signature = fingerprint.signature(article.title(), article.paragraphs());
        if (signature == null) {
            return record ? index.record(article.articleId(), article.articleId(), null, List.of(), now)
                    : article.articleId();
        }
        List<Long> bands = StoryFingerprint.bandKeys(signature.minHashes(), properties.bandRows());
        List<StoryIndex.Candidate> candidates = new ArrayList<>(batch);
        candidates.addAll(index.candidates(bands, now.minus(properties.window()), properties.maxCandidates()));
        StoryIndex.Candidate best = best(signature, candidates);
        String storyId = best == null ? article.articleId() : best.storyId();
        if (record) {
            storyId = index.record(article.articleId(), storyId, signature, bands, now);
        }
        batch.add(new StoryIndex.Candidate(article.articleId(), storyId, signature, now));
        return storyId;
    }

    /** The most similar candidate at or above the threshold; between equals, the one grouped first. */
    private StoryIndex.@Nullable Candidate best(StoryFingerprint.Signature signature,
                                                List<StoryIndex.Candidate> candidates) {
        return candidates.stream()
                .map(c -> Map.entry(c, StoryFingerprint.overlap(signature, c.signature())))
                .filter(e -> e.getValue() >= properties.threshold())
                .max(Comparator.<Map.Entry<StoryIndex.Candidate, Double>>comparingDouble(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().seenAt(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
