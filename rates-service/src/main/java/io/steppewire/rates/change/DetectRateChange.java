package io.steppewire.rates.change;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Decides what an incoming quote means against the last quote kept for the same pair and source.
 * Quotes of different sources never meet here: the caller keeps one reference per pair and source.
 * <p>
 * Only a strictly newer quote, or the first one of its pair and source, can produce a change, which keeps the stream
 * idempotent: replaying any quote, in any order, finds either a newer or an identical reference and emits nothing.
 * The first quote produces one only when it reports a move itself ({@code -0.46%}): that is news, measured from the
 * rate it implies ({@link ImpliedPrevious}).
 */
public final class DetectRateChange {

    private final BigDecimal defaultThresholdPct;

    public DetectRateChange(BigDecimal defaultThresholdPct) {
        if (defaultThresholdPct.signum() <= 0) {
            throw new IllegalArgumentException("The big-move threshold must be greater than zero, got "
                    + defaultThresholdPct.toPlainString());
        }
        this.defaultThresholdPct = defaultThresholdPct;
    }

    /**
     * @param kept       the last quote kept for the pair and source, absent for the first one
     * @param incoming   the quote just read, already checked by {@link QuoteIntegrity}
     * @param detectedAt stamped on a change as the moment it was seen
     */
    public ChangeDecision apply(@Nullable RateQuoted kept, RateQuoted incoming, Instant detectedAt) {
        if (kept == null) {
            return ImpliedPrevious.of(incoming)
                    .map(implied -> new ChangeDecision(QuoteOutcome.FIRST_REPORTED_MOVE, incoming,
                            RateChanged.between(implied, incoming, defaultThresholdPct, detectedAt)))
                    .orElseGet(() -> ChangeDecision.keepOnly(QuoteOutcome.FIRST, incoming));
        }
        boolean sameRate = kept.rate().compareTo(incoming.rate()) == 0;
        int age = incoming.asOf().compareTo(kept.asOf());
        if (age == 0 && (sameRate || kept.quoteId().equals(incoming.quoteId()))) {
            return ChangeDecision.ignore(QuoteOutcome.DUPLICATE);
        }
        if (age < 0) {
            return ChangeDecision.ignore(QuoteOutcome.OUT_OF_ORDER);
        }
        if (age == 0) {
            return ChangeDecision.ignore(QuoteOutcome.CONFLICTING_AS_OF);
        }
        if (sameRate && !reportsAMove(incoming)) {
            return ChangeDecision.keepOnly(QuoteOutcome.UNCHANGED, incoming);
        }
        RateChanged change = RateChanged.between(kept, incoming, defaultThresholdPct, detectedAt);
        return new ChangeDecision(QuoteOutcome.CHANGED, incoming, change);
    }

    public BigDecimal defaultThresholdPct() {
        return defaultThresholdPct;
    }

    /** A source may report a move its published decimals cannot show (0.00008 both days, -0.46%). */
    private static boolean reportsAMove(RateQuoted quote) {
        BigDecimal reported = quote.reportedChangePct();
        return reported != null && reported.signum() != 0;
    }
}
