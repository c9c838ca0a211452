package io.steppewire.ingest.sources.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The made-up feeds under src/test/resources/sources/feeds, and generated ones. */
public final class Feeds {

    private Feeds() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Feeds.class.getResourceAsStream("/sources/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No feed fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RSS 2.0 feed of {@code items} distinct items, for size limits and the item cap. */
    public static String large(int items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Large</title><link>https://large.example/</link><description>Many items</description>\n");
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>Story Number ").append(i).append(" From the Wire</title><link>https://large.example/s/")
                    .append(i).append("</link><pubDate>Sat, 14 Mar 2026 08:00:00 +0000</pubDate><description>")
                    .append("<![CDATA[<p>Paragraph one of story ").append(i).append(".</p><p>Paragraph two.</p>]]>")
                    .append("</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    /** A small RSS 2.0 feed with the given items, each {title, link, description}. */
    public static String rss(String[]... items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Fixture</title><link>https://fixture.example/</link><description>Test</description>\n");
        for (String[] item : items) {
            xml.append("<item><title>").append(item[0]).append("</title><link>").append(item[1])
                    .append("</link><pubDate>Sat, 14 Mar 2026 08:00:00 +0000</pubDate><description><![CDATA[")
                    .append(item[2]).append("]]></description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }
}
