package io.steppewire.rates.official;

import io.steppewire.events.SaneDecimals;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a bank's publication into quotes: one per currency, {@code CUR/HOME} per unit, in the canonical direction
 * (so {@code USD/KZT 460.37} becomes {@code KZT/USD} with its precision carried over).
 * <ul>
 * <li>A rate per 10 or 100 units is divided exactly by moving the point: {@code 12.72} per 10 AMD is {@code 1.272}
 * per dram, three decimals standing for exactly the two published per ten.</li>
 * <li>The date is the bank's own (of its calendar and time zone) and is carried as that date's start at UTC, as every
 * dated quote is: a rate the National Bank of Kazakhstan set for 1 April is {@code 2026-04-01T00:00:00Z}.</li>
 * <li>A bank that publishes its own change gives the quote a reported change, in percent of its previous rate:
 * {@code change / (rate - change)}, to four decimals.</li>
 * </ul>
 * Quote ids are deterministic (pair, source, date and rate), so fetching the same day again publishes the same ids.
 */
public final class OfficialQuotes {

    /** Decimals of a reported change worked out from the bank's own absolute change. */
    static final int REPORTED_CHANGE_DECIMALS = 4;

    /**
     * @param quotes  one quote per usable rate
     * @param skipped the rates that could not become quotes, with why
     */
    public record Conversion(List<RateQuoted> quotes, List<String> skipped) {

        public Conversion {
            quotes = List.copyOf(quotes);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * @param source       the bank's id, e.g. {@code nbk}
     * @param homeCurrency the bank's own currency, e.g. {@code KZT}
     * @param quotedAt     when steppewire fetched it
     */
    public static Conversion of(Publication publication, String source, String homeCurrency, Instant quotedAt) {
        Instant asOf = publication.date().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RateQuoted> quotes = new ArrayList<>(publication.rates().size());
        List<String> skipped = new ArrayList<>();
        for (PublishedRate rate : publication.rates()) {
            BigDecimal perUnit = rate.value().movePointLeft(Integer.toString(rate.nominal()).length() - 1);
            try {
                quotes.add(RateQuoted.fromQuote(rate.currency() + "/" + homeCurrency, perUnit, reportedChangePct(rate),
                        asOf, source, null, quotedAt));
            } catch (IllegalArgumentException e) {
                skipped.add(rate.currency() + ": " + e.getMessage());
            }
        }
        return new Conversion(quotes, skipped);
    }

    /**
     * The bank's change in percent of the rate before it, or none when the bank gave no change or one that leaves no
     * positive rate before it.
     */
    static @Nullable BigDecimal reportedChangePct(PublishedRate rate) {
        BigDecimal change = rate.change();
        if (change == null) {
            return null;
        }
        BigDecimal before = rate.value().subtract(change);
        if (before.signum() <= 0) {
            return null;
        }
        BigDecimal pct = change.movePointRight(2).divide(before, REPORTED_CHANGE_DECIMALS, RoundingMode.HALF_EVEN);
        return pct.abs().compareTo(SaneDecimals.MAX_PERCENT) > 0 ? null : pct;
    }

    private OfficialQuotes() {
    }
}
