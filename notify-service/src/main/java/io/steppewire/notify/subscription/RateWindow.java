package io.steppewire.notify.subscription;

import java.time.Duration;
import java.util.Optional;

/** The spans a {@link RuleKind#WINDOW} rule may look back over. */
public enum RateWindow {
    DAY("24h", Duration.ofHours(24)),
    WEEK("7d", Duration.ofDays(7)),
    MONTH("30d", Duration.ofDays(30));

    private final String jsonName;
    private final Duration span;

    RateWindow(String jsonName, Duration span) {
        this.jsonName = jsonName;
        this.span = span;
    }

    public String jsonName() {
        return jsonName;
    }

    public Duration span() {
        return span;
    }

    public static Optional<RateWindow> ofJsonName(String name) {
        for (RateWindow window : values()) {
            if (window.jsonName.equals(name.strip())) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }
}
