package io.steppewire.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic ids: the same facts always give the same id, so a replay or a re-ingest never
 * duplicates anything downstream.
 */
public final class EventIds {

    private static final char SEPARATOR = '\u001f';
    private static final String ALGORITHM = "SHA-256";

    /** Never used itself, only copied: a copy is cheaper than looking the algorithm up for every id. */
    private static final MessageDigest UNUSED_SHA_256 = sha256();

    /** 128 bits of SHA-256 over the parts, as 32 lower-case hex digits. */
    public static String of(String... parts) {
        MessageDigest digest = freshSha256();
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) SEPARATOR);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static MessageDigest freshSha256() {
        try {
            return (MessageDigest) UNUSED_SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The id of an article: its source and its normalised title and lede, so that the same story
     * on two pages of one site is one article.
     */
    public static String article(String source, String title, String lede) {
        return of("article", normaliseText(source), normaliseText(title), normaliseText(lede));
    }

    /** The id of an alert: one per subscription and event, however often the event is delivered. */
    public static String alert(String subscriptionId, String eventId) {
        return of("alert", subscriptionId, eventId);
    }

    /**
     * Folds what a re-rendering of the same text may change: Unicode compatibility forms, typographic
     * quotes and dashes, case, and runs of white space.
     */
    public static String normaliseText(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2013', '-').replace('\u2014', '-')
                .toLowerCase(Locale.ROOT);
        return folded.strip().replaceAll("\\s+", " ");
    }

    private EventIds() {
    }
}
