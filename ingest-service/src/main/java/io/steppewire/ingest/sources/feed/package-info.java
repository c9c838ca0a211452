/** Feeds read into items: RSS 0.9x/2.0 and Atom 1.0 with Rome, JSON Feed 1.1 with Jackson; item HTML into paragraphs. */
@NullMarked
package io.steppewire.ingest.sources.feed;

import org.jspecify.annotations.NullMarked;
