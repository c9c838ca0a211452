package io.steppewire.events.fx;

import io.steppewire.events.SaneDecimals;

import io.steppewire.events.EventIds;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A pair's rate changed from one quote of a source to the next. Keyed by pair.
 *
 * @param changeId          deterministic: pair, source and both quotes
 * @param pair              canonical {@code BASE/QUOTE}
 * @param source            the source both quotes came from
 * @param previous          the earlier quote
 * @param current           the newer quote
 * @param reportedChangePct the source's own change figure for the newer quote, when it gave one
 * @param naiveChangePct    {@code current/previous - 1} in percent, ignoring precision: for display only
 * @param computedChangePct the interval the true change lies in, given both quotes' precision
 * @param assessment        whether this is a big move at the published default threshold, and why
 * @param detectedAt        when rates-service saw the change
 */
public record RateChanged(
        String changeId,
        String pair,
        String source,
        RatePoint previous,
        RatePoint current,
        @Nullable BigDecimal reportedChangePct,
        BigDecimal naiveChangePct,
        ChangeInterval computedChangePct,
        MoveAssessment assessment,
        Instant detectedAt) {

    public RateChanged {
        SaneDecimals.derived(naiveChangePct, "naiveChangePct");
        if (reportedChangePct != null) {
            SaneDecimals.percent(reportedChangePct, "reportedChangePct");
        }
    }

    /** Builds the change between two quotes of one pair and source, assessed at the default threshold. */
    public static RateChanged between(RateQuoted previous, RateQuoted current, BigDecimal defaultThresholdPct, Instant detectedAt) {
        if (!previous.pair().equals(current.pair())) {
            throw new IllegalArgumentException("Quotes of different pairs: " + previous.pair() + " and " + current.pair());
        }
        RatePoint before = RatePoint.of(previous);
        RatePoint after = RatePoint.of(current);
        ChangeInterval interval = ChangeInterval.between(before, after);
        BigDecimal naive = ChangeInterval.pct(current.rate(), previous.rate(), RoundingMode.HALF_EVEN);
        String changeId = EventIds.of("rate-change", current.pair(), current.source(), previous.quoteId(), current.quoteId());
        return new RateChanged(changeId, current.pair(), current.source(), before, after, current.reportedChangePct(),
                naive, interval, MoveAssessment.at(defaultThresholdPct, current.reportedChangePct(), interval), detectedAt);
    }

    /** The same change judged at another threshold, such as a subscriber's own. */
    public MoveAssessment assessAt(BigDecimal thresholdPct) {
        return MoveAssessment.at(thresholdPct, reportedChangePct, computedChangePct);
    }
}
