package io.steppewire.article.articles;

/**
 * How large the documents of {@link TermPostings} may grow: far below MongoDB's 16 MB document limit whatever the
 * traffic, the batch size or the time a store has been running.
 *
 * @param chunkIdsPerBucket chunk ids in one posting document (each about 45 bytes stored) before the next bucket
 *                          of the posting is opened; concurrent writers may each add one more
 * @param chunkChars        characters of entries in one chunk (entries are ASCII, so also bytes) before the batch's
 *                          entries of a posting continue in a further chunk
 */
record PostingLimits(int chunkIdsPerBucket, int chunkChars) {

    /** About 45 KB per posting document and at most about 1 MB per chunk. */
    static final PostingLimits DEFAULT = new PostingLimits(1_000, 1 << 20);

    PostingLimits {
        if (chunkIdsPerBucket < 1 || chunkChars < 1) {
            throw new IllegalArgumentException("Posting limits must be positive; got " + chunkIdsPerBucket + " and " + chunkChars);
        }
    }
}
