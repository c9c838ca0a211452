package io.steppewire.ingest.tagging;

import java.util.Locale;

/** The four families of tags an article can carry; the wire name is the lower-case form. */
public enum TagKind {
    COUNTRY, CURRENCY, TOPIC, ENTITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
