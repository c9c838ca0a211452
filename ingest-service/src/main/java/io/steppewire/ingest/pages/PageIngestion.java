package io.steppewire.ingest.pages;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.segmenter.ClassifiedLine;

import java.time.LocalDate;
import java.util.List;

/**
 * What became of one page: the events it produced (published, unless a dry run) and its full parse.
 *
 * @param pageId      deterministic: the source and the exact page text
 * @param source      the site the page came from
 * @param publishedOn the page date, or the day it was received when the page has no date line
 * @param dated       whether the page itself carried a date line
 * @param dryRun      true when nothing was published
 * @param articles    each distinct article once, in page order
 * @param quotes      each distinct quote once
 * @param lines       every input line with its role and why
 */
public record PageIngestion(String pageId, String source, LocalDate publishedOn, boolean dated, boolean dryRun,
                            List<ArticleSighting> articles, List<RateQuoted> quotes, List<ClassifiedLine> lines) {

    /**
     * @param event        the event as published (or as it would be)
     * @param titleLine    where the article starts in the page
     * @param seenBefore   true when an earlier page already carried this article
     */
    public record ArticleSighting(ArticleIngested event, int titleLine, boolean seenBefore) {
    }
}
