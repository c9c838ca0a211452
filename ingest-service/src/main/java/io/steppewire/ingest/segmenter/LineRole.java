package io.steppewire.ingest.segmenter;

/** What one line of a flattened page is; every input line gets exactly one. */
public enum LineRole {
    TICKER,
    DATE,
    TITLE,
    SUBHEADING,
    PARAGRAPH,
    CAPTION,
    BOILERPLATE,
    BLANK
}
