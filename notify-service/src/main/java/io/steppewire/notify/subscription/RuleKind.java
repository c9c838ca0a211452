package io.steppewire.notify.subscription;

import java.util.Locale;
import java.util.Optional;

/** What a pair rule watches; each kind has its own fields (see {@link PairRule}). */
public enum RuleKind {
    /** A move of at least the threshold between two consecutive quotes of a source: the rule before kinds existed. */
    CHANGE("change"),
    /** The move against the rate at the start of a 24h, 7d or 30d window, per source. */
    WINDOW("window"),
    /** The rate reaching a level up or down; re-armed after crossing back by a hysteresis. */
    LEVEL("level"),
    /** The move since the rule last fired. */
    SINCE_LAST_ALERT("sinceLastAlert"),
    /** A news ticker's rate against the official rate of the same pair and day. */
    DIVERGENCE("divergence");

    private final String jsonName;

    RuleKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name as written in the API, e.g. {@code sinceLastAlert}. */
    public String jsonName() {
        return jsonName;
    }

    /** Reads a kind by its API name, case-insensitively. */
    public static Optional<RuleKind> ofJsonName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (RuleKind kind : values()) {
            if (kind.jsonName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
