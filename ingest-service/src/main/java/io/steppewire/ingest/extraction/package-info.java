/**
 * Turns fetched HTML into text: {@link io.steppewire.ingest.extraction.ArticleExtractor} takes the main content of
 * one article page (readability-style), {@link io.steppewire.ingest.extraction.FrontPageFlattener} turns a front
 * page into the flattened text page that the segmenter reads. Pure functions of their input (jsoup only, no
 * framework), never throwing on any HTML.
 */
@NullMarked
package io.steppewire.ingest.extraction;

import org.jspecify.annotations.NullMarked;
