package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Element;

import java.util.Arrays;
import java.util.List;

/**
 * One block of text as a reader sees it: a paragraph, a heading, a caption or a table row.
 *
 * @param kind      what the block is
 * @param text      the cleaned text
 * @param linkChars how much of the text sits inside links
 * @param source    the element that made the block
 */
record Block(Kind kind, String text, int linkChars, Element source) {

    enum Kind {
        PARAGRAPH, HEADING, CAPTION,
        /** A {@code <time>} element on a front page; its text is the datetime attribute when there is one. */
        DATE
    }

    /** The lines a single {@code <br>} separated; one line for most blocks. */
    List<String> lines() {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The text as one paragraph: lines joined with a space. */
    String joined() {
        return String.join(" ", lines());
    }

    double linkDensity() {
        return text.isEmpty() ? 0 : Math.min(1.0, (double) linkChars / text.length());
    }

    int headingLevel() {
        String tag = source.tagName();
        if (kind != Kind.HEADING) {
            return 0;
        }
        // Headlines marked only by class ("a.headline") rank as the usual teaser level.
        return tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1)) ? tag.charAt(1) - '0' : 3;
    }
}
