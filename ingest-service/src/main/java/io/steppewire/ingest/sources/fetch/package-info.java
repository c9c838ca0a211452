/**
 * Fetching like a good citizen: conditional GETs, per-host concurrency and spacing, robots.txt, redirects checked
 * like the first request, size and time limits, charset detection, and back-off that honours Retry-After.
 */
@NullMarked
package io.steppewire.ingest.sources.fetch;

import org.jspecify.annotations.NullMarked;
