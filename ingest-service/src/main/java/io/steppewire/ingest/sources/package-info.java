/**
 * Sources that ingest-service fetches itself: the registry of feeds, front pages and articles in MongoDB, polite
 * conditional fetching under the outbound address policy and robots.txt, and the turning of fetched items into
 * {@code ArticleIngested} events, published once per content (a changed item is a revision under the same id).
 */
@NullMarked
package io.steppewire.ingest.sources;

import org.jspecify.annotations.NullMarked;
