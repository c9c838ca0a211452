package io.steppewire.article.articles;

/**
 * How large the documents of {@link TermPostings} may grow: far below MongoDB's 16 MB document limit whatever the
 * traffic, the batch size or the time a store has been running.
 *
 * @param chunkIdsPerBucket chunk ids in one posting document (each about 45 bytes stored) before the next bucket
 *                          of the posting is opened; concurrent writers may each add one more
 * @param chunkChars        characters of entries in one chunk (entries are ASCII, so also bytes) before the batch's
 *                          entries of a posting continue in a further chunk
 * @param membersPerStoryBucket entries in one document of a story's articles ({@link StoryMembers}; each about 50 bytes
 *                          plus its source name) before the next bucket of the story is opened
 */
record PostingLimits(int chunkIdsPerBucket, int chunkChars, int membersPerStoryBucket) {

    /** About 45 KB per posting document, at most about 1 MB per chunk, and some 50 KB per story document. */
    static final PostingLimits DEFAULT = new PostingLimits(1_000, 1 << 20, 500);

    PostingLimits {
        if (chunkIdsPerBucket < 1 || chunkChars < 1 || membersPerStoryBucket < 1) {
            throw new IllegalArgumentException("Posting limits must be positive; got " + chunkIdsPerBucket + ", " + chunkChars
                    + " and " + membersPerStoryBucket);
        }
    }

    /** The limits of the story documents, in the terms of {@link PostingBuckets}. */
    PostingLimits ofStories() {
        return new PostingLimits(membersPerStoryBucket, chunkChars, membersPerStoryBucket);
    }
}
