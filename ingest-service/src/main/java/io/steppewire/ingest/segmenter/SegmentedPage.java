package io.steppewire.ingest.segmenter;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * The full parse of a page: its date, its distinct quotes, its articles, and the role of every line.
 *
 * @param date     the capture date from the date line; absent when the page has none
 * @param quotes   each quote once, however often the ticker repeated it
 * @param articles in page order
 * @param lines    one entry per input line, in order
 */
public record SegmentedPage(@Nullable LocalDate date, List<TickerQuote> quotes, List<SegmentedArticle> articles,
                            List<ClassifiedLine> lines) {

    public SegmentedPage {
        quotes = List.copyOf(quotes);
        articles = List.copyOf(articles);
        lines = List.copyOf(lines);
    }
}
