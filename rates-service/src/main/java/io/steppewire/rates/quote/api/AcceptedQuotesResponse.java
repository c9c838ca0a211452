package io.steppewire.rates.quote.api;

import io.steppewire.events.fx.QuotedAs;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Answer to an accepted batch: the quotes as published, in the canonical direction. Decimals are
 * strings so that {@code "515.90"} keeps its two decimals in every JSON client.
 */
public record AcceptedQuotesResponse(int published, List<AcceptedQuote> quotes) {

    static AcceptedQuotesResponse of(List<RateQuoted> quotes) {
        return new AcceptedQuotesResponse(quotes.size(), quotes.stream().map(AcceptedQuote::of).toList());
    }

    /**
     * @param quoteId           deterministic: the same quote sent twice has the same id and changes nothing downstream
     * @param pair              canonical {@code BASE/QUOTE}
     * @param rate              price of one BASE in QUOTE
     * @param decimals          decimals of {@code rate}
     * @param rateLow           lowest true value the quote's precision allows
     * @param rateHigh          highest true value the quote's precision allows
     * @param quotedAs          the quote as sent, when it was turned round to the canonical direction
     * @param reportedChangePct the source's change in the canonical direction
     */
    public record AcceptedQuote(String quoteId, String pair, String rate, int decimals, String rateLow, String rateHigh,
                                @Nullable QuotedAsView quotedAs, @Nullable String reportedChangePct, Instant asOf,
                                String source) {

        static AcceptedQuote of(RateQuoted quote) {
            QuotedAs original = quote.quotedAs();
            return new AcceptedQuote(quote.quoteId(), quote.pair(), quote.rate().toPlainString(), quote.decimals(),
                    quote.rateLow().toPlainString(), quote.rateHigh().toPlainString(),
                    original == null ? null : new QuotedAsView(original.pair(), original.rate().toPlainString(), original.decimals()),
                    text(quote.reportedChangePct()), quote.asOf(), quote.source());
        }

        private static @Nullable String text(@Nullable BigDecimal value) {
            return value == null ? null : value.toPlainString();
        }
    }

    /** The pair and rate exactly as the client sent them. */
    public record QuotedAsView(String pair, String rate, int decimals) {
    }
}
