package io.steppewire.article.query;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Where a page of articles ended: the sort key of its last item. Keyset pagination on this key stays
 * stable when articles arrive between two requests: nothing is skipped or repeated. Travels as
 * opaque base64url text; its inside may change between versions.
 *
 * @param score       the relevance of the last item, when the listing ranks by relevance
 * @param publishedOn publication date of the last item
 * @param firstSeenAt when the last item was first seen, to the millisecond as stored
 * @param id          the article id of the last item
 */
public record ArticleCursor(@Nullable Double score, LocalDate publishedOn, Instant firstSeenAt, String id) {

    public static final String ACCEPTED_FORM = "the nextCursor value of a previous answer, unchanged";
    private static final String VERSION = "a1";

    public String encode() {
        String text = String.join("\n", VERSION, score == null ? "" : Double.toString(score), publishedOn.toString(),
                Long.toString(firstSeenAt.toEpochMilli()), id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for text that no answer of this service produced */
    public static ArticleCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[4].isEmpty()) {
                throw new IllegalArgumentException("cursor is not one this service produced; accepted: " + ACCEPTED_FORM);
            }
            Double score = parts[1].isEmpty() ? null : Double.valueOf(parts[1]);
            return new ArticleCursor(score, LocalDate.parse(parts[2]), Instant.ofEpochMilli(Long.parseLong(parts[3])), parts[4]);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("cursor")) {
                throw iae;
            }
            throw new IllegalArgumentException("cursor is not one this service produced; accepted: " + ACCEPTED_FORM, e);
        }
    }

    /** True when an item with this sort key comes after the cursor in newest-first order. */
    public boolean precedesByDate(LocalDate itemPublishedOn, Instant itemFirstSeenAt, String itemId) {
        int byDate = itemPublishedOn.compareTo(publishedOn);
        if (byDate != 0) {
            return byDate < 0;
        }
        int bySeen = itemFirstSeenAt.compareTo(firstSeenAt);
        if (bySeen != 0) {
            return bySeen < 0;
        }
        return itemId.compareTo(id) < 0;
    }

    /** True when an item comes after the cursor in relevance order (score, then newest first). */
    public boolean precedesByRelevance(double itemScore, LocalDate itemPublishedOn, Instant itemFirstSeenAt, String itemId) {
        double cursorScore = score == null ? Double.MAX_VALUE : score;
        int byScore = Double.compare(itemScore, cursorScore);
        if (byScore != 0) {
            return byScore < 0;
        }
        return precedesByDate(itemPublishedOn, itemFirstSeenAt, itemId);
    }
}
