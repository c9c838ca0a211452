/**
 * Stories: articles of any source that tell the same story share a {@code storyId}, the id of the story's first
 * article. MinHash signatures with LSH bands in MongoDB, so that every instance groups alike.
 */
@NullMarked
package io.steppewire.ingest.stories;

import org.jspecify.annotations.NullMarked;
