package io.steppewire.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the made-up test pages from the class path. */
public final class Pages {

    /** The front page of the format description: five articles, five quotes, 14 March 2026. */
    public static final String STEPPE_DAILY_FRONT_PAGE = "pages/steppe-daily-front-page.txt";

    public static String read(String resource) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Pages() {
    }
}
