package io.steppewire.ingest.segmenter;

/**
 * One input line with the role the segmenter gave it and the evidence it used.
 *
 * @param number 1-based line number in the page
 * @param text   the line as it stood, without its line break
 * @param role   what the line is
 * @param reason why, in words a person debugging a split can follow
 */
public record ClassifiedLine(int number, String text, LineRole role, String reason) {
}
