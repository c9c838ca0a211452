package io.steppewire.notify.history;

import io.steppewire.events.fx.ChangeInterval;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.MoveAssessment;
import io.steppewire.events.fx.MoveBasis;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rate change as a BSON document of plain fields, decimals as their text: a backtest reads thousands of them, and
 * building the records from fields costs a fraction of parsing the event's JSON. Every decimal is bounded again by the
 * records' own checks on the way back.
 */
final class RateChangeDocuments {

    private RateChangeDocuments() {
    }

    static Document of(RateChanged change) {
        MoveAssessment assessment = change.assessment();
        // Instants as ISO text, exact to the nanosecond, where a BSON date would keep milliseconds.
        return new Document("changeId", change.changeId())
                .append("detectedAt", change.detectedAt().toString())
                .append("previous", point(change.previous()))
                .append("current", point(change.current()))
                .append("reportedChangePct", text(change.reportedChangePct()))
                .append("naiveChangePct", change.naiveChangePct().toPlainString())
                .append("computedLowPct", change.computedChangePct().lowPct().toPlainString())
                .append("computedHighPct", change.computedChangePct().highPct().toPlainString())
                .append("assessedAtPct", assessment.thresholdPct().toPlainString())
                .append("big", assessment.big())
                .append("basis", assessment.basis().name())
                .append("direction", assessment.direction().name());
    }

    static RateChanged read(Document d, String pair, String source) {
        Document change = d.get("change", Document.class);
        return new RateChanged(change.getString("changeId"), pair, source, point(change.get("previous", Document.class)),
                point(change.get("current", Document.class)), decimal(change.getString("reportedChangePct")),
                new BigDecimal(change.getString("naiveChangePct")),
                new ChangeInterval(new BigDecimal(change.getString("computedLowPct")), new BigDecimal(change.getString("computedHighPct"))),
                new MoveAssessment(new BigDecimal(change.getString("assessedAtPct")), change.getBoolean("big", false),
                        MoveBasis.valueOf(change.getString("basis")), Direction.valueOf(change.getString("direction"))),
                Instant.parse(change.getString("detectedAt")));
    }

    private static Document point(RatePoint point) {
        return new Document("rate", point.rate().toPlainString()).append("decimals", point.decimals())
                .append("rateLow", point.rateLow().toPlainString()).append("rateHigh", point.rateHigh().toPlainString())
                .append("asOf", point.asOf().toString()).append("quoteId", point.quoteId());
    }

    private static RatePoint point(Document d) {
        return new RatePoint(new BigDecimal(d.getString("rate")), d.getInteger("decimals", 0), new BigDecimal(d.getString("rateLow")),
                new BigDecimal(d.getString("rateHigh")), Instant.parse(d.getString("asOf")), d.getString("quoteId"));
    }

    private static @Nullable String text(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
