package io.steppewire.article.rates;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of a pair grouped by UTC day, and one chart point per day (open, high, low, close, count), from the
 * history's points: one per pair, source and as-of, each in its newest reading.
 */
final class DailyRates {

    /** One point of a day: a point of the history, in its newest reading. */
    record DayPoint(Instant asOf, String source, BigDecimal rate, int decimals, String rateLow, String rateHigh) {
    }

    static LocalDate day(Instant asOf) {
        return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    }

    /** The day's first instant, UTC. */
    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static final Comparator<DayPoint> IN_TIME = Comparator.comparing(DayPoint::asOf).thenComparing(DayPoint::source);

    /** One chart point per day that has points (of the source, when one is given), oldest day first. */
    static List<RateViews.DailyPoint> perDay(Collection<DayPoint> points, @Nullable String source) {
        Map<LocalDate, List<DayPoint>> byDay = new TreeMap<>();
        for (DayPoint point : points) {
            if (source == null || source.equals(point.source())) {
                byDay.computeIfAbsent(day(point.asOf()), d -> new ArrayList<>()).add(point);
            }
        }
        List<RateViews.DailyPoint> days = new ArrayList<>(byDay.size());
        byDay.forEach((day, dayPoints) -> {
            dayPoints.sort(IN_TIME);
            DayPoint high = dayPoints.getFirst();
            DayPoint low = dayPoints.getFirst();
            for (DayPoint point : dayPoints) {
                // Ties keep the earlier point.
                if (point.rate().compareTo(high.rate()) > 0) {
                    high = point;
                }
                if (point.rate().compareTo(low.rate()) < 0) {
                    low = point;
                }
            }
            days.add(new RateViews.DailyPoint(day, view(dayPoints.getFirst()), view(high), view(low), view(dayPoints.getLast()),
                    dayPoints.size()));
        });
        return days;
    }

    private static RateViews.DayRate view(DayPoint point) {
        return new RateViews.DayRate(point.rate().toPlainString(), point.decimals(), point.rateLow(), point.rateHigh(), point.asOf(),
                point.source());
    }

    private DailyRates() {
    }
}
