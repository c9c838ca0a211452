package io.steppewire.events.article;

/** One block of an article body: a paragraph, or a subheading kept where it stood. */
public record BodyBlock(Kind kind, String text) {

    public enum Kind { PARAGRAPH, SUBHEADING }

    public static BodyBlock paragraph(String text) {
        return new BodyBlock(Kind.PARAGRAPH, text);
    }

    public static BodyBlock subheading(String text) {
        return new BodyBlock(Kind.SUBHEADING, text);
    }
}
