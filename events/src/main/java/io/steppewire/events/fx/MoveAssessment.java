package io.steppewire.events.fx;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;

/**
 * Whether a change is a big move at a threshold. A move is big when the reported change has an
 * absolute value of at least the threshold, or when the computed interval lies wholly at or beyond
 * +threshold or wholly at or beyond -threshold. A rounding artefact (0.00201 to 0.00200 at five
 * decimals) is never big: its interval reaches zero.
 *
 * @param thresholdPct the threshold in percent, positive
 * @param big          whether the move is big at that threshold
 * @param basis        what made it big, {@link MoveBasis#NONE} when it is not
 * @param direction    {@code UP} or {@code DOWN} when big; {@code EITHER} when not
 */
public record MoveAssessment(BigDecimal thresholdPct, boolean big, MoveBasis basis, Direction direction) {

    public static MoveAssessment at(BigDecimal thresholdPct, @Nullable BigDecimal reportedChangePct, ChangeInterval computed) {
        if (thresholdPct.signum() <= 0) {
            throw new IllegalArgumentException("A threshold must be greater than zero, got " + thresholdPct.toPlainString());
        }
        BigDecimal negative = thresholdPct.negate();
        Direction reported = null;
        if (reportedChangePct != null && reportedChangePct.abs().compareTo(thresholdPct) >= 0) {
            reported = reportedChangePct.signum() > 0 ? Direction.UP : Direction.DOWN;
        }
        Direction computedDirection = null;
        if (computed.whollyAtOrAbove(thresholdPct)) {
            computedDirection = Direction.UP;
        } else if (computed.whollyAtOrBelow(negative)) {
            computedDirection = Direction.DOWN;
        }
        if (reported != null && computedDirection != null) {
            // Sources and our own figure rarely disagree in sign; when they do, our interval is the fact we can defend.
            MoveBasis basis = reported == computedDirection ? MoveBasis.REPORTED_AND_COMPUTED : MoveBasis.COMPUTED;
            return new MoveAssessment(thresholdPct, true, basis, computedDirection);
        }
        if (reported != null) {
            return new MoveAssessment(thresholdPct, true, MoveBasis.REPORTED, reported);
        }
        if (computedDirection != null) {
            return new MoveAssessment(thresholdPct, true, MoveBasis.COMPUTED, computedDirection);
        }
        return new MoveAssessment(thresholdPct, false, MoveBasis.NONE, Direction.EITHER);
    }

    /** True when the move is big and goes the way a rule watches for. */
    public boolean firesFor(Direction watched) {
        return big && watched.admits(direction);
    }
}
