package io.steppewire.notify.subscription;

import io.steppewire.events.EventIds;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * A rate rule of a subscription.
 *
 * @param kind               what the rule watches
 * @param pair               the canonical pair
 * @param thresholdPct       the move (or, for divergence, the gap) in percent; absent for {@link RuleKind#LEVEL}
 * @param direction          up, down or either; for a level, up or down
 * @param window             the look-back of a {@link RuleKind#WINDOW} rule
 * @param level              the rate a {@link RuleKind#LEVEL} rule watches
 * @param hysteresisPct      how far back past the level, in percent of it, the rate must go to re-arm a level rule
 * @param minIntervalMinutes the least time between two firings of the rule; 0 for none
 */
public record PairRule(RuleKind kind, CurrencyPair pair, @Nullable BigDecimal thresholdPct, Direction direction,
                       @Nullable RateWindow window, @Nullable BigDecimal level, @Nullable BigDecimal hysteresisPct,
                       int minIntervalMinutes) {

    /** A {@link RuleKind#CHANGE} rule without cooldown: the rule as it was before kinds existed. */
    public PairRule(CurrencyPair pair, BigDecimal thresholdPct, Direction direction) {
        this(RuleKind.CHANGE, pair, thresholdPct, direction, null, null, null, 0);
    }

    /** True when firing depends only on the event: no history, no memory of earlier firings. */
    public boolean stateless() {
        return kind == RuleKind.CHANGE && minIntervalMinutes == 0;
    }

    public Duration minInterval() {
        return Duration.ofMinutes(minIntervalMinutes);
    }

    /** The threshold, for the kinds that have one. */
    public BigDecimal requiredThresholdPct() {
        if (thresholdPct == null) {
            throw new IllegalStateException(kind.jsonName() + " rules have no threshold");
        }
        return thresholdPct;
    }

    /**
     * A natural id of the rule within its subscription, made of everything that defines it: the rule's memory (its
     * armed state, its last firing) is kept under it, so that changing a rule starts it afresh.
     */
    public String key() {
        return EventIds.of("pair-rule", kind.jsonName(), pair.toString(), plain(thresholdPct), direction.name(),
                window == null ? "" : window.jsonName(), plain(level), plain(hysteresisPct), Integer.toString(minIntervalMinutes));
    }

    /** How the rule appears in an alert's {@code matchedOn}, e.g. {@code pair:KZT/USD up 0.5%}. */
    public String describe() {
        String direction = this.direction.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CHANGE -> "pair:" + pair + " " + direction + " " + plain(thresholdPct) + "%";
            case WINDOW -> "window:" + pair + " " + (window == null ? "" : window.jsonName()) + " " + direction + " " + plain(thresholdPct) + "%";
            case LEVEL -> "level:" + pair + " " + direction + " " + plain(level);
            case SINCE_LAST_ALERT -> "sinceLastAlert:" + pair + " " + direction + " " + plain(thresholdPct) + "%";
            case DIVERGENCE -> "divergence:" + pair + " " + direction + " " + plain(thresholdPct) + "%";
        };
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
