package io.steppewire.article.rates;

import io.steppewire.events.fx.RateQuoted;
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
 * The points of a pair grouped by UTC day, and one chart point per day (open, high, low, close, count). The store
 * keeps each point as one text under its point id in its pair's day document; a text starts with the quote's
 * {@code quotedAt} in fixed width, so that the store's {@code $max} keeps the newest quote of a point whatever the
 * order in which writers come, as the history does.
 */
final class DailyRates {

    private static final char SEPARATOR = '|';
    private static final int QUOTED_AT_WIDTH = 15;

    /** One point of a day, as stored. */
    record DayPoint(Instant asOf, String source, BigDecimal rate, int decimals, String rateLow, String rateHigh) {
    }

    static LocalDate day(Instant asOf) {
        return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    }

    static String dayId(String pair, LocalDate day) {
        return pair + SEPARATOR + day;
    }

    /** The point as stored: newest {@code quotedAt} sorts last; the source, which may hold any character, comes last. */
    static String encode(RateQuoted quote) {
        String quotedAt = Long.toString(Math.max(0, quote.quotedAt().toEpochMilli()));
        return "0".repeat(Math.max(0, QUOTED_AT_WIDTH - quotedAt.length())) + quotedAt + SEPARATOR + quote.asOf().toEpochMilli()
                + SEPARATOR + quote.rate().toPlainString() + SEPARATOR + quote.decimals() + SEPARATOR
                + quote.rateLow().toPlainString() + SEPARATOR + quote.rateHigh().toPlainString() + SEPARATOR + quote.source();
    }

    static DayPoint decode(String text) {
        String[] parts = text.split("\\|", 7);
        return new DayPoint(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[6], new BigDecimal(parts[2]),
                Integer.parseInt(parts[3]), parts[4], parts[5]);
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
